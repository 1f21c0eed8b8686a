import { describe, expect, it } from 'vitest';
import { classifyReport } from '../../../../src/analyze/index.js';

describe('negation', () => {
  it.each([
    ['No hubo ninguna explosión en el puente, todo está normal', 'explosion-unspecified'],
    ['No se registró ningún enfrentamiento en la zona, informaron los vecinos', 'armed-clash'],
    ['Protección Civil descarta explosión: fue un transformador', 'explosion-unspecified'],
    ['There was no explosion at the refinery, the company said', 'explosion-unspecified'],
    ['Police say it was not a shooting', 'attack'],
    ['Las autoridades niegan que haya habido un bombardeo en la zona', 'air-drone-strike'],
    ['The ministry denied that there was an airstrike on the village', 'air-drone-strike'],
  ] as const)('%s → %s, negated', (text, type) => {
    const c = classifyReport(text);
    expect(c.eventType).toBe(type);
    expect(c.negated).toBe(true);
  });

  it.each([
    ['Desmienten bombardeo en Guasdualito: el video es de 2019', 'air-drone-strike'],
    ['Ese video del bombazo es fake, circula desde el año pasado', 'explosion-unspecified'],
    ['FALSO: no hubo ataque con drones en La Victoria', 'air-drone-strike'],
    ['Officials denied reports of a drone strike on the base', 'air-drone-strike'],
    ['The viral photo of the blast is a hoax', 'explosion-unspecified'],
  ] as const)('a debunk: %s', (text, type) => {
    const c = classifyReport(text);
    expect(c.eventType).toBe(type);
    expect(c.negated).toBe(true);
    expect(c.cues.some((cue) => cue.cue === 'debunk' || cue.cue === 'negation')).toBe(true);
  });

  it('does not read "no hay heridos" as denying the explosion', () => {
    const c = classifyReport('Fuerte explosión en la avenida, no hay heridos por ahora');
    expect(c.eventType).toBe('explosion-unspecified');
    expect(c.negated).toBe(false);
  });

  it('keeps an asserted event when another is denied: "no fue un temblor, fue una explosión"', () => {
    const c = classifyReport('no fue un temblor, fue una explosión, se escuchó clarito');
    expect(c.eventType).toBe('explosion-unspecified');
    expect(c.negated).toBe(false);
  });

  it('"explosion, no injuries" in English is not a denial', () => {
    expect(classifyReport('Loud explosion downtown, no injuries reported').negated).toBe(false);
  });
});

describe('hedging', () => {
  it.each([
    'Al parecer fue un ataque con dron en la zona del caño',
    'Presuntamente un grupo armado secuestró a dos comerciantes',
    'Sin confirmar: reportan explosión cerca del aeropuerto',
    'Se habría tratado de un bombardeo, según fuentes extraoficiales',
    '¿Fue una explosión lo que se escuchó en Guasdualito?',
    'Unconfirmed reports of a drone strike near the border',
    'Two people were reportedly killed in the blast',
    'Rumours of an explosion at the port, nothing official yet',
    'Was that an explosion?? anyone know what happened downtown',
  ])('%s', (text) => {
    expect(classifyReport(text).hedged).toBe(true);
  });

  it.each([
    'Confirmado: explosión en la refinería de Cardón deja dos heridos',
    'Two people were killed in the blast at the market on Tuesday',
  ])('a plain statement is not hedged: %s', (text) => {
    expect(classifyReport(text).hedged).toBe(false);
  });
});
