import { describe, expect, it } from 'vitest';
import { classifyReport } from '../../../../src/analyze/index.js';
import type { SourceRole } from '../../../../src/model/index.js';

describe('source role from the text', () => {
  it.each([
    ['eyewitness', 'Acabo de escuchar una explosión durísima, desde mi ventana se ve el humo'],
    ['eyewitness', 'aquí en Guasdualito se sintió clarito, tembló la casa 😱'],
    ['eyewitness', 'yo estaba despierto x el calor y sentí como q tembló la casa'],
    ['eyewitness', 'Just heard a massive bang, my house shook and the windows rattled'],
    ['eyewitness', 'I can see the smoke from my window, it is right next to the school'],
    ['media', 'Según reportes, una explosión se registró en la zona industrial. Más información en breve http://example.com/nota'],
    ['media', 'ÚLTIMA HORA | Explosión en refinería deja al menos tres heridos #Noticias'],
    ['media', 'RT @CNNEE: Terremoto de magnitud 7,6 sacude Costa Rica http://t.co/x'],
    ['media', 'Breaking news: death toll rises to 12 after blast at fuel depot http://example.com/story'],
    ['official', 'COMUNICADO OFICIAL. La Gobernación del estado Apure informa a la colectividad que se mantiene la calma en el municipio'],
    ['official', 'Protección Civil informa: se recomienda a la población evitar la zona del puente'],
    ['official', 'Residents are advised to avoid the area. Road closed between 5th and 9th. Call 911 for emergencies'],
    ['ngo', 'La Cruz Roja habilitó un centro de acopio para los damnificados, puedes donar en nuestra sede'],
    ['ngo', 'Red Cross volunteers are on the ground; donate to our relief fund to help families'],
    ['outsider', 'Fuerza Apure 🙏 mis oraciones con todas las familias, qué triste lo que pasa'],
    ['outsider', 'Praying for everyone in Colorado Springs, so sad 💔'],
    ['organisation', 'Nuestras tiendas de la zona permanecerán cerradas hoy; pedimos disculpas a nuestros clientes'],
    ['organisation', 'Our stores in the area are closed today; our staff are safe'],
  ] as const)('%s ← %s', (role, text) => {
    expect(classifyReport(text).sourceRole).toBe(role);
  });

  it("an institution's own announcement speaks as the institution", () => {
    const c = classifyReport('El Ministerio de Defensa informa: se neutralizó un artefacto explosivo en la vía a El Amparo');
    expect(c.sourceRole).toBe('official');
    expect(c.attributedTo).toBeNull();
    expect(c.eventType).toBe('disrupted-weapons-use');
  });

  it('an institution named as a place is not the speaker', () => {
    expect(classifyReport('Los colectivos dispararon contra los manifestantes frente a la alcaldía').sourceRole).not.toBe('official');
  });

  it('is unknown when the text says nothing about who speaks', () => {
    expect(classifyReport('ok').sourceRole).toBe('unknown');
  });
});

describe('source role from context', () => {
  it.each([
    ['media', 'Explosión en la zona del caño, vecinos reportan humo'],
    ['official', 'Se mantiene la calma en el municipio'],
    ['claimant', 'Nuestras fuerzas neutralizaron el objetivo en la madrugada'],
    ['organisation', 'Comunicado a nuestros afiliados'],
  ] as const)('the source registry says %s', (role: SourceRole, text) => {
    expect(classifyReport(text, { source: { role } }).sourceRole).toBe(role);
  });

  it('claimant comes only from the context, never from the text', () => {
    expect(classifyReport('Nuestras fuerzas neutralizaron el objetivo en la madrugada').sourceRole).not.toBe('claimant');
  });

  it('reads the channel name when there is no registry entry', () => {
    expect(classifyReport('Reportan explosión en la zona del caño', { channelName: 'Noticias Apure al Día' }).sourceRole).toBe('media');
    expect(classifyReport('Se mantiene la calma', { channelName: 'Gobernación de Apure', source: { role: 'unknown' } }).sourceRole).toBe('official');
  });
});

describe('relayed first-hand words', () => {
  it('a channel quoting a neighbour is not itself an eyewitness', () => {
    const c = classifyReport('Nos escriben desde Caño Guaramacal: "se escuchó un estruendo horrible y se fue la luz, los perros no paran de ladrar"', { channelName: 'Alerta Llanera' });
    expect(c.sourceRole).toBe('media');
  });

  it('"vecinos reportan … dicen que se escuchó" is the neighbours relayed', () => {
    const c = classifyReport('🚨 URGENTE 🚨 Vecinos reportan una fuerte explosión en zona rural. Dicen que se escuchó un bombazo y se fue la luz.');
    expect(c.sourceRole).not.toBe('eyewitness');
    expect(c.attributedTo).toBe('vecinos');
    expect(c.attributedRole).toBe('eyewitness');
  });

  it('a group named for neighbours does not make every post an eyewitness account', () => {
    expect(classifyReport('📌 Les recuerdo las normas del grupo: no compartir fotos de heridos', { channelName: 'Vecinos de La Ceibita' }).sourceRole).not.toBe('eyewitness');
  });

  it('reads "UN" as the United Nations only in capitals, never the Spanish "un"', () => {
    expect(classifyReport('Un vecino nos dice que allá no había nadie').attributedTo).toBeNull();
    expect(classifyReport('According to the UN, 40 families were displaced').attributedRole).toBe('ngo');
  });
});

describe('channel type', () => {
  it('a feed or a website leans media; a group chat does not speak as a newsroom', () => {
    const text = 'Explosión en la zona del caño esta madrugada';
    expect(classifyReport(text).sourceRole).toBe('unknown');
    expect(classifyReport(text, { channelType: 'rss' }).sourceRole).toBe('media');
    expect(classifyReport(text, { channelType: 'website' }).sourceRole).toBe('media');
    // A bare link leans media on a channel, not from a member of a family chat.
    const link = 'miren esto, en el caño http://example.com/nota';
    expect(classifyReport(link).sourceRole).toBe('media');
    expect(classifyReport(link, { channelType: 'whatsapp-chat' }).sourceRole).toBe('unknown');
  });
});

describe('author', () => {
  it('an author named for an institution speaks as it, in a group chat too', () => {
    const text = 'Se recomienda evitar la zona del puente hasta nuevo aviso';
    expect(classifyReport(text, { author: 'Protección Civil Apure', channelType: 'private_group' }).sourceRole).toBe('official');
    expect(classifyReport(text, { author: 'María', channelType: 'private_group' }).sourceRole).not.toBe('official');
  });
});
