import { describe, expect, it } from 'vitest';
import { chooseReportPlace, geoparse, placesOfReport, shippedGazetteer } from '../../../../src/analyze/index.js';

const gazetteer = shippedGazetteer();

describe('the place a report puts its event', () => {
  const toponyms = geoparse('Explosión en Guasdualito, estado Apure, Venezuela', gazetteer);

  it('takes the most specific toponym the text names', () => {
    expect(chooseReportPlace({ toponyms })).toMatchObject({ name: 'Guasdualito', precision: 'locality', from: 'text' });
  });

  it('puts a shared location, EXIF GPS or a geotag before the text, each with its own precision', () => {
    const location = { lat: 7.2431, lon: -70.7297 };
    const exif = { lat: 7.25, lon: -70.73 };
    const geotag = { lat: 7.3, lon: -70.8 };
    expect(chooseReportPlace({ toponyms, location, exif, geotag })).toEqual({ ...location, precision: 'exact', confidence: 0.95, name: null, from: 'location' });
    expect(chooseReportPlace({ toponyms, exif, geotag })).toMatchObject({ ...exif, precision: 'exact', from: 'exif' });
    expect(chooseReportPlace({ toponyms, geotag, exif: null })).toMatchObject({ ...geotag, precision: 'vicinity', from: 'geotag' });
  });

  it('ignores attached coordinates that are not a place (0,0 or out of range)', () => {
    expect(chooseReportPlace({ toponyms, exif: { lat: 0, lon: 0 }, geotag: { lat: 95, lon: 10 } })?.from).toBe('text');
  });

  it('gives nothing when nothing places the report', () => {
    expect(chooseReportPlace({ toponyms: geoparse('Se escuchó algo fuerte anoche', gazetteer) })).toBeNull();
    expect(chooseReportPlace({ toponyms: [{ start: 0, end: 5, name: 'Xyzzy', lat: null, lon: null, precision: null, confidence: 0 }] })).toBeNull();
  });

  it('prefers a country named with confidence over nothing, and a town over a country', () => {
    expect(chooseReportPlace({ toponyms: geoparse('Reports of strikes in Venezuela overnight', gazetteer) })).toMatchObject({ precision: 'country', name: 'Venezuela' });
    expect(chooseReportPlace({ toponyms: geoparse('In Venezuela, residents of Maracaibo reported blasts', gazetteer) })).toMatchObject({ precision: 'locality', name: 'Maracaibo' });
  });
});

describe('the places of one report', () => {
  it('gives the toponyms, the place and the time zone there in one call', () => {
    const result = placesOfReport('Se escuchó un bombazo en Maracaibo, estado Zulia', gazetteer, { country: 'VE' });
    expect(result.toponyms.map((t) => t.name)).toEqual(['Maracaibo', 'Zulia']);
    expect(result.place).toMatchObject({ name: 'Maracaibo', from: 'text', precision: 'locality' });
    expect(result.timeZone).toBe('America/Caracas');
  });

  it('reads the time zone at attached coordinates before the text', () => {
    const result = placesOfReport('Explosion reported in Madrid', gazetteer, { exif: { lat: 7.2431, lon: -70.7297 } });
    expect(result.place?.from).toBe('exif');
    expect(result.timeZone).toBe('America/Caracas');
    expect(placesOfReport('nothing here to place', gazetteer)).toEqual({ toponyms: [], place: null, timeZone: null });
  });
});
