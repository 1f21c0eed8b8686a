import { describe, expect, it } from 'vitest';
import { foldName, readGazetteer, shippedGazetteer, timeZoneAt } from '../../../../src/analyze/index.js';

const gazetteer = shippedGazetteer();

describe('the shipped gazetteer', () => {
  it('holds countries, admin areas and populated places down to a few hundred people', () => {
    expect(gazetteer.size).toBeGreaterThan(200_000);
    expect(gazetteer.admin('VE')?.name).toBe('Venezuela');
    expect(gazetteer.admin('VE', '23')?.name).toBe('Zulia');
    expect(gazetteer.admin('VE', '15', '1519')?.name).toBe('Sucre');
    const small = gazetteer.lookup('Guasdualito').find((m) => m.place.countryCode === 'VE');
    expect(small?.place.featureClass).toBe('P');
    // cities500: places of 500 people and more are in.
    expect(gazetteer.lookup('Caracas').find((m) => m.place.featureCode === 'PPLC')?.place.geonameid).toBe(3646738);
  });

  it('matches names whatever their accents and case', () => {
    const spellings = ['Táchira', 'tachira', 'TÁCHIRA', 'Tachira'];
    const places = spellings.map((name) => gazetteer.lookup(name).map((m) => m.place.index).sort());
    for (const found of places) expect(found).toEqual(places[0]);
    expect(places[0]?.length).toBeGreaterThan(0);
    expect(foldName('San Cristóbal')).toBe('san cristobal');
    expect(foldName('Wilkes-Barre')).toBe(foldName('wilkes barre'));
  });

  it('knows Spanish and English names of countries and big cities', () => {
    expect(gazetteer.lookup('Estados Unidos')[0]?.place.countryCode).toBe('US');
    expect(gazetteer.lookup('EE.UU.')[0]?.place.countryCode).toBe('US');
    expect(gazetteer.lookup('Nueva York').some((m) => m.place.countryCode === 'US' && m.alternate)).toBe(true);
    expect(gazetteer.lookup('Colombia').some((m) => m.place.featureCode === 'PCLI' && m.place.countryCode === 'CO')).toBe(true);
  });

  it('gives the feature type, population, country and time zone of each place', () => {
    const maracaibo = gazetteer.lookup('Maracaibo').find((m) => m.place.featureCode === 'PPLA');
    expect(maracaibo?.place).toMatchObject({ countryCode: 'VE', admin1: '23', timeZone: 'America/Caracas' });
    expect(maracaibo?.place.population).toBeGreaterThan(1_000_000);
  });

  it('finds the time zone at a point from the nearest place', () => {
    expect(timeZoneAt(10.49, -66.88)).toBe('America/Caracas');
    expect(timeZoneAt(7.24, -70.73)).toBe('America/Caracas');
    expect(timeZoneAt(4.71, -74.07)).toBe('America/Bogota');
    expect(timeZoneAt(40.42, -3.7)).toBe('Europe/Madrid');
    expect(timeZoneAt(51.5, -0.12)).toBe('Europe/London');
  });

  it('reads a gazetteer file and refuses a malformed one', () => {
    const row = ['3646738', 'Caracas', 'caracas', '10.48801', '-66.87919', 'PPLC', 'VE', '25', '0101', '3000000', 'America/Caracas', ''].join('\t');
    const small = readGazetteer(new TextEncoder().encode(`# comment\n${row}\n`));
    expect(small.size).toBe(1);
    expect(small.lookup('CARACAS')[0]?.place.name).toBe('Caracas');
    expect(() => readGazetteer(new TextEncoder().encode('1\tCaracas\n'))).toThrow(/line 1/);
  });
});
