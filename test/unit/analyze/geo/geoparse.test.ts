import { describe, expect, it } from 'vitest';
import { geoparse, recogniseToponyms, shippedGazetteer } from '../../../../src/analyze/index.js';

const gazetteer = shippedGazetteer();

function names(text: string): string[] {
  return recogniseToponyms(text, gazetteer).map((t) => t.text);
}

describe('toponym recognition, Spanish', () => {
  it('finds places in an eyewitness post, with UTF-16 offsets, end exclusive', () => {
    const text = 'Se escuchó un bombazo en San Cristóbal, Táchira, a las 2:10 de la madrugada';
    const found = recogniseToponyms(text, gazetteer);
    expect(found.map((t) => t.text)).toEqual(['San Cristóbal', 'Táchira']);
    for (const t of found) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('takes the longest name and reads admin words as cues', () => {
    expect(names('Reportan disparos en Petare, municipio Sucre del estado Miranda')).toEqual(['Petare', 'Sucre', 'Miranda']);
    expect(names('Explosión en Ciudad Bolívar anoche')).toEqual(['Ciudad Bolívar']);
    expect(recogniseToponyms('Cortes de luz en todo el estado Zulia', gazetteer)[0]?.cue).toBe('estado');
  });

  it('does not read people, months and common words as places', () => {
    expect(names('Simón Bolívar dijo que la patria es primero')).toEqual([]);
    expect(names('El 1 de Mayo marcharon miles; Paz pidió calma')).toEqual([]);
    expect(names('El Gobierno y la Policía no dieron detalles')).toEqual([]);
    expect(names('Nicolás Maduro habló desde el Palacio')).toEqual([]);
  });

  it('reads a hero\'s name as a place after a place word or a locative', () => {
    expect(names('Se registraron lluvias en el estado Bolívar')).toEqual(['Bolívar']);
    expect(names('Varios heridos en Sucre tras el ataque')).toEqual(['Sucre']);
    expect(names('Testigos en Ciudad Guayana, Bolívar, afirman que hubo saqueos')).toEqual(['Ciudad Guayana', 'Bolívar']);
  });

  it('finds places in lower-case chat text only after a cue', () => {
    expect(names('chamo se escucho una explosion en maracaibo')).toEqual(['maracaibo']);
    expect(names('la gente dice que fue cerca')).toEqual([]);
    expect(names('Chamo, se escuchó en petare y en caracas también')).toEqual(['petare', 'caracas']);
    expect(names('Lo vimos en vivo desde la casa, en serio')).toEqual([]);
  });
});

describe('toponym recognition, English', () => {
  it('finds places in a news paragraph', () => {
    const text = 'Heavy fighting was reported near Aleppo, Syria, while the U.S. embassy in Ankara said Russia’s ambassador was shot.';
    expect(names(text)).toEqual(['Aleppo', 'Syria', 'U.S.', 'Ankara', 'Russia']);
  });

  it('splits and joins hyphens as names need', () => {
    expect(names('Floods hit Wilkes-Barre and Aix-en-Provence; the London-based group issued Canada-wide alerts.')).toEqual(['Wilkes-Barre', 'Aix-en-Provence', 'London', 'Canada']);
    expect(names('Queensland Police said the Kentucky Department of Health had been told')).toEqual(['Queensland', 'Kentucky']);
  });

  it('leaves names that belong to people and organisations', () => {
    expect(names('President Obama spoke to the Washington Post on Monday')).toEqual([]);
    expect(names('Will said in May that Reading was his hobby')).toEqual([]);
    expect(names('The talks moved to Reading in the afternoon')).toEqual(['Reading']);
    expect(names('Dr. Scott Campbell of the agency spoke first. Campbell said the outbreak was contained.')).toEqual([]);
    expect(names('Residents in Barquisimeto and Cabimas said power was cut')).toEqual(['Barquisimeto', 'Cabimas']);
    expect(names('The FDA and the EU issued warnings about the Marburg virus')).toEqual([]);
  });

  it('reads demonyms as their country only when asked', () => {
    const text = 'Turkish troops crossed the border';
    expect(recogniseToponyms(text, gazetteer)).toEqual([]);
    const found = geoparse(text, gazetteer, { demonyms: true });
    expect(found[0]).toMatchObject({ start: 0, end: 7, countryCode: 'TR', precision: 'country' });
  });
});

describe('geoparse: recognition and resolution', () => {
  it('puts Valencia in Carabobo when the text is Venezuelan', () => {
    const [valencia] = geoparse('Fuerte explosión en Valencia, estado Carabobo, cerca de Maracay', gazetteer);
    expect(valencia).toMatchObject({ name: 'Valencia', countryCode: 'VE', precision: 'locality', geonameid: 3625549 });
    expect(valencia?.confidence).toBeGreaterThan(0.5);
  });

  it('puts Valencia in Spain when the text or the case says Spain', () => {
    expect(geoparse('Inundaciones en Valencia y Alicante tras la DANA', gazetteer)[0]?.countryCode).toBe('ES');
    expect(geoparse('Protestas en Valencia', gazetteer, { country: 'ES' })[0]?.countryCode).toBe('ES');
    expect(geoparse('Protestas en Valencia', gazetteer, { country: 'VE' })[0]?.countryCode).toBe('VE');
  });

  it('uses the case area to choose among namesakes', () => {
    // San Cristóbal: Táchira (Venezuela) or the Dominican province; the case area decides.
    const nearTachira = geoparse('Disturbios en San Cristóbal', gazetteer, { near: { lat: 7.77, lon: -72.22, radiusKm: 30 } });
    expect(nearTachira[0]).toMatchObject({ countryCode: 'VE', geonameid: 3628473 });
    const nearSantoDomingo = geoparse('Disturbios en San Cristóbal', gazetteer, { near: { lat: 18.42, lon: -70.1, radiusKm: 30 } });
    expect(nearSantoDomingo[0]?.countryCode).toBe('DO');
  });

  it('resolves a municipality to the area that holds the town named beside it', () => {
    const [, sucre] = geoparse('Tiroteo en Petare, municipio Sucre', gazetteer);
    expect(sucre).toMatchObject({ precision: 'admin-area', countryCode: 'VE' });
    expect(Math.abs((sucre?.lat ?? 0) - 10.48)).toBeLessThan(0.3);
  });

  it('resolves English news places to countries and cities', () => {
    const found = geoparse('Officials in Caracas and Bogotá traded accusations as Venezuela closed the border with Colombia.', gazetteer);
    expect(found.map((t) => [t.name, t.precision, t.countryCode])).toEqual([
      ['Caracas', 'locality', 'VE'],
      ['Bogotá', 'locality', 'CO'],
      ['Venezuela', 'country', 'VE'],
      ['Colombia', 'country', 'CO'],
    ]);
  });
});
