import { describe, expect, it } from 'vitest';
import { classifyReport } from '../../../../src/analyze/index.js';

describe('attribution', () => {
  it.each([
    ['Según el ministro, el ataque fue perpetrado por un grupo irregular', 'el ministro', 'official'],
    ['De acuerdo con fuentes oficiales, hay dos fallecidos tras la explosión', 'fuentes oficiales', 'official'],
    ['Dos muertos dejó el enfrentamiento, informó la gobernación', 'la gobernación', 'official'],
    ['"No hubo víctimas", dijo el alcalde a la prensa local', 'el alcalde', 'official'],
    ['El ejército aseguró que neutralizó a los atacantes', 'el ejército', 'official'],
    ['La Cruz Roja confirmó 12 heridos en el derrumbe', 'la Cruz Roja', 'ngo'],
    ['Según testigos, se escucharon tres explosiones antes del amanecer', 'testigos', 'eyewitness'],
    ['Two people were killed in the strike, officials said', 'officials', 'official'],
    ['The army claimed the drone was shot down over the border', 'the army', 'official'],
    ['According to police, the gunman acted alone', 'police', 'official'],
    ['Residents said they heard two loud blasts around 2 a.m.', 'residents', 'eyewitness'],
    ['According to the Red Cross, 40 families were displaced', 'the Red Cross', 'ngo'],
    ['Según Reuters, el ataque dejó 5 muertos', 'Reuters', 'media'],
  ] as const)('%s → %s', (text, speaker, role) => {
    const c = classifyReport(text);
    expect(c.attributedTo).toBe(speaker);
    expect(c.attributedRole).toBe(role);
    const cue = c.cues.find((q) => q.cue.startsWith('speaker'));
    expect(cue && text.slice(cue.start, cue.end).toLowerCase()).toContain(speaker.toLowerCase().split(' ').at(-1));
  });

  it('names an unlisted speaker after "según" as written', () => {
    expect(classifyReport('Según Alerta Llanera, hubo dos explosiones').attributedTo).toBe('Alerta Llanera');
  });

  it.each([
    'Acabo de escuchar dos explosiones desde mi casa, todo tembló',
    'Se escuchó un bombazo por la zona del caño',
    'I just heard two huge explosions from my house',
    'Explosión en la zona industrial de Guasdualito deja daños en viviendas',
  ])('a report that speaks for itself is not attributed: %s', (text) => {
    expect(classifyReport(text).attributedTo).toBeNull();
  });

  it("an institution's own announcement is not a relay", () => {
    const c = classifyReport('La Gobernación informa a la colectividad: se suspenden las clases');
    expect(c.attributedTo).toBeNull();
    expect(c.sourceRole).toBe('official');
  });
});
