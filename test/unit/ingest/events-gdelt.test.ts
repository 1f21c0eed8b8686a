import { describe, expect, it } from 'vitest';
import { CAMEO_ROOT_CODES, GDELT_LAYOUTS, acledAdapter, cameoRoot, detectGdelt, gdeltAdapter } from '../../../src/ingest/events/index.js';
import { detectFormat } from '../../../src/ingest/index.js';
import { isDiagnostic, type Diagnostic, type RawItem } from '../../../src/model/index.js';
import { fixtureBytes, parseEventBytes } from '../../fixtures/events/harness.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const items = (records: readonly (RawItem | Diagnostic)[]): RawItem[] => records.filter((r): r is RawItem => !isDiagnostic(r));

/** A GDELT 2.0 line from named values; every other column empty. */
function line(values: Readonly<Record<string, string>>): string {
  const columns = GDELT_LAYOUTS.get(61)?.columns ?? [];
  return columns.map((name) => values[name] ?? '').join('\t');
}

const EVENT = {
  GLOBALEVENTID: '9990000901',
  SQLDATE: '20260917',
  Actor1Code: 'VENMIL',
  Actor1Name: 'VENEZUELA',
  EventCode: '0874',
  EventRootCode: '08',
  QuadClass: '2',
  ActionGeo_Type: '4',
  ActionGeo_FullName: 'Elorza, Apure, Venezuela',
  ActionGeo_Lat: '7.0603',
  ActionGeo_Long: '-69.495',
  DATEADDED: '20260918234500',
  SOURCEURL: 'https://example.org/synthetic/elorza.html',
};

describe('GDELT layouts', () => {
  it('lists the 61 columns of GDELT 2.0 in the codebook order', () => {
    const columns = GDELT_LAYOUTS.get(61)?.columns ?? [];
    expect(columns).toHaveLength(61);
    expect(columns.slice(0, 7)).toEqual(['GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year', 'FractionDate', 'Actor1Code', 'Actor1Name']);
    expect(columns.indexOf('Actor2Code')).toBe(15);
    expect(columns.indexOf('IsRootEvent')).toBe(25);
    expect(columns.indexOf('AvgTone')).toBe(34);
    expect(columns.indexOf('Actor1Geo_Type')).toBe(35);
    expect(columns.slice(51, 61)).toEqual([
      'ActionGeo_Type', 'ActionGeo_FullName', 'ActionGeo_CountryCode', 'ActionGeo_ADM1Code', 'ActionGeo_ADM2Code',
      'ActionGeo_Lat', 'ActionGeo_Long', 'ActionGeo_FeatureID', 'DATEADDED', 'SOURCEURL',
    ]);
  });

  it('knows GDELT 1.0: no ADM2 codes, and no SOURCEURL in the backfiles', () => {
    expect(GDELT_LAYOUTS.get(58)?.columns.includes('ActionGeo_ADM2Code')).toBe(false);
    expect(GDELT_LAYOUTS.get(58)?.columns.at(-1)).toBe('SOURCEURL');
    expect(GDELT_LAYOUTS.get(57)?.columns.at(-1)).toBe('DATEADDED');
  });
});

describe('GDELT detection', () => {
  it('recognises event lines of every layout', () => {
    for (const name of ['gdelt-20260918021500.export.CSV', 'gdelt-20130915.export.CSV', 'gdelt-2005.csv']) {
      expect(detectGdelt(fixtureBytes(name), 'events.txt'), name).toBeGreaterThanOrEqual(0.9);
      expect(detectFormat([acledAdapter, gdeltAdapter], fixtureBytes(name), name).adapter?.format).toBe('gdelt');
    }
  });

  it('does not claim ACLED, other tab-separated files or a wrong field count', () => {
    expect(detectGdelt(fixtureBytes('acled-apure.csv'), '20260918021500.export.CSV')).toBe(0);
    expect(detectGdelt(encode('id\tdate\ttext\n1\t20260918\thola\n'), 'x.tsv')).toBeLessThan(0.5);
    expect(detectGdelt(encode('hola\tmundo\n'), 'x.tsv')).toBe(0);
  });

  it('judges a line longer than the head by the columns it has', () => {
    const head = encode(line(EVENT).slice(0, 120));
    expect(detectGdelt(head, 'x')).toBeGreaterThanOrEqual(0.5);
  });
});

describe('GDELT rows', () => {
  it('times an event by when GDELT saw it, and keeps its day and the CAMEO codes beside it', async () => {
    const [item] = items(await parseEventBytes(gdeltAdapter, encode(`${line(EVENT)}\n`)));
    expect(item?.time).toBe('2026-09-18T23:45:00Z');
    expect(item?.extra).toMatchObject({
      eventDate: '2026-09-17',
      timePrecision: 'day',
      dateAddedPrecision: 'second',
      eventCode: '0874',
      eventRootCode: '08',
      eventRootLabel: 'Yield',
      quadClass: 2,
      quadClassLabel: 'Material cooperation',
      geoType: 4,
      geoTypeMeaning: 'world city',
    });
    expect(item?.text).toBe('VENEZUELA — CAMEO 0874 Yield at Elorza, Apure, Venezuela');
    expect(item?.url).toBe('https://example.org/synthetic/elorza.html');
    expect(item?.geo).toEqual({ lat: 7.0603, lon: -69.495 });
  });

  it('keeps CAMEO codes as written, leading zeros included', () => {
    expect(cameoRoot('0251')).toBe('02');
    expect(cameoRoot('193')).toBe('19');
    expect(cameoRoot('21')).toBeNull();
    expect(Object.keys(CAMEO_ROOT_CODES)).toHaveLength(20);
  });

  it('keeps a source that is a name, not a link, as a name', async () => {
    const [item] = items(await parseEventBytes(gdeltAdapter, encode(`${line({ ...EVENT, SOURCEURL: 'BBC Monitoring' })}\n`)));
    expect(item?.url).toBeNull();
    expect(item?.extra['sourceName']).toBe('BBC Monitoring');
  });

  it('gives the same id when only the coverage counts grew', async () => {
    const [first] = items(await parseEventBytes(gdeltAdapter, encode(`${line({ ...EVENT, NumMentions: '1' })}\n`)));
    const [later] = items(await parseEventBytes(gdeltAdapter, encode(`${line({ ...EVENT, NumMentions: '40', AvgTone: '-3.2' })}\n`)));
    expect(later?.id).toBe(first?.id);
    expect(later?.extra['numMentions']).toBe(40);
  });

  it('summarises events without a location in one note', async () => {
    const unplaced = line({ ...EVENT, ActionGeo_Lat: '', ActionGeo_Long: '', ActionGeo_FullName: '', ActionGeo_Type: '0' });
    const out = await parseEventBytes(gdeltAdapter, encode([unplaced, unplaced.replace('9990000901', '9990000902'), line(EVENT).replace('9990000901', '9990000903')].join('\n')));
    expect(items(out).map((i) => i.geo)).toEqual([null, null, { lat: 7.0603, lon: -69.495 }]);
    expect(out.filter(isDiagnostic).map((d) => [d.ruleId, d.location, d.message])).toEqual([
      ['gdelt/no-location', '1:1', '2 events have no action location (ActionGeo empty, first at line 1); kept without a position'],
    ]);
  });

  it('names the file in its channel as the version it is', async () => {
    const [v2] = items(await parseEventBytes(gdeltAdapter, fixtureBytes('gdelt-20260918021500.export.CSV')));
    const [v1] = items(await parseEventBytes(gdeltAdapter, fixtureBytes('gdelt-20130915.export.CSV')));
    expect([v2?.channel, v1?.channel]).toEqual([
      { id: 'gdelt', name: 'GDELT 2.0 Events', type: 'event-dataset' },
      { id: 'gdelt', name: 'GDELT 1.0 Events', type: 'event-dataset' },
    ]);
    expect(v1?.extra).toMatchObject({ layout: 'gdelt-1.0', dateAddedPrecision: 'day' });
  });
});
