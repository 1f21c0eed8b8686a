import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geoparse, loadGazetteer, mergeGeoNamesDump, readGazetteer, readGeoNamesDump, type PlaceRecord } from '../../../../src/analyze/index.js';
import { isDiagnostic, type Diagnostic } from '../../../../src/model/index.js';
import { arbitraryChunking, chunkSizes, encode } from '../../../helpers/fuzz.js';

const FIXTURE = join(import.meta.dirname, '../../../fixtures/geonames/VE-sample.txt');

function* chunked(bytes: Uint8Array, sizes: readonly number[]): Generator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

async function readAll(source: Iterable<Uint8Array | string>, file = 'VE.txt'): Promise<{ records: PlaceRecord[]; problems: Diagnostic[] }> {
  const records: PlaceRecord[] = [];
  const problems: Diagnostic[] = [];
  for await (const value of readGeoNamesDump(source, file)) {
    if (isDiagnostic(value)) problems.push(value);
    else records.push(value);
  }
  return { records, problems };
}

describe('GeoNames dump reader', () => {
  it('reads good lines and names each bad one by its line number', async () => {
    const bytes = await readFile(FIXTURE);
    const { records, problems } = await readAll(chunked(bytes, [4096]), 'VE-sample.txt');
    expect(records.map((r) => r.name)).toEqual(['Caracas', 'El Amparo', 'El Nula', 'Estado Zulia', 'Municipio Sucre', 'Río Arauca']);
    expect(records[0]).toMatchObject({ geonameid: 3646738, featureClass: 'P', featureCode: 'PPLC', countryCode: 'VE', admin1: '25', population: 3_000_000, timeZone: 'America/Caracas' });
    expect(records[0]?.alternates).toContain('Santiago de León de Caracas');
    expect(records[0]?.alternates).not.toContain('CCS');
    expect(problems.map((p) => [p.location, p.ruleId])).toEqual([
      ['4', 'geonames/field-count'],
      ['7', 'geonames/bad-id'],
      ['8', 'geonames/bad-coordinates'],
    ]);
    expect(problems[0]?.file).toBe('VE-sample.txt');
  });

  it('merges a dump: new places land, known ones and derived admin rows are replaced', async () => {
    const gazetteer = loadGazetteer();
    const before = gazetteer.size;
    expect(gazetteer.lookup('El Amparo').some((m) => m.place.countryCode === 'VE')).toBe(false);
    const builtZulia = gazetteer.admin('VE', '23');
    expect(builtZulia?.lat).not.toBe(10);
    const problems: Diagnostic[] = [];
    const report = await mergeGeoNamesDump(gazetteer, chunked(await readFile(FIXTURE), [100]), { file: 'VE-sample.txt' }, (p) => problems.push(p));
    // Caracas (same geonameid), Zulia and Sucre (the ADM rows for the same codes) replaced; El Amparo, El Nula added; the river left out (class H).
    expect(report).toEqual({ added: 2, replaced: 3, skipped: 1, rejected: 3 });
    expect(problems).toHaveLength(3);
    expect(gazetteer.size).toBe(before + 2);
    expect(gazetteer.byId(3646738)?.population).toBe(3_000_000);
    expect(gazetteer.admin('VE', '23')).toMatchObject({ geonameid: 3625035, name: 'Estado Zulia', lat: 10, lon: -72 });
    expect(gazetteer.admin('VE', '15', '1519')).toMatchObject({ geonameid: 99000004, name: 'Municipio Sucre' });
    const [amparo] = geoparse('Enfrentamientos en El Amparo, Apure', gazetteer);
    expect(amparo).toMatchObject({ name: 'El Amparo', geonameid: 99000001, countryCode: 'VE', precision: 'locality' });
  });

  it('keeps memory bounded on an endless line and goes on after it', async () => {
    const long = 'x'.repeat((1 << 20) + 10);
    const good = ['1', 'Uno', 'Uno', '', '1', '1', 'P', 'PPL', 'VE', '', '', '', '', '', '5', '', '', 'America/Caracas', '2024-01-01'].join('\t');
    const { records, problems } = await readAll([long.slice(0, 600_000), long.slice(600_000), `\n${good}\n`]);
    expect(problems.map((p) => [p.location, p.ruleId])).toEqual([['1', 'geonames/line-too-long']]);
    expect(records.map((r) => r.name)).toEqual(['Uno']);
  });

  it('never throws on arbitrary lines, and every good line lands', async () => {
    const goodLine = fc
      .record({
        id: fc.integer({ min: 1, max: 2_000_000_000 }),
        name: fc.stringMatching(/^[A-Za-zÁÉÍÓÚáéíóúñÑ][A-Za-zÁÉÍÓÚáéíóúñÑ ]{0,20}[A-Za-z]$/),
        lat: fc.double({ min: -90, max: 90, noNaN: true }),
        lon: fc.double({ min: -180, max: 180, noNaN: true }),
        featureClass: fc.constantFrom('A', 'P', 'S', 'H', 'T'),
        population: fc.nat(),
      })
      .map((r) => ({
        line: [String(r.id), r.name, r.name, '', r.lat.toFixed(5), r.lon.toFixed(5), r.featureClass, 'PPL', 'VE', '', '01', '', '', '', String(r.population), '', '', 'America/Caracas', '2024-01-01'].join('\t'),
        good: true,
      }));
    const anyLine = fc.string({ unit: 'binary', maxLength: 200 }).map((line) => ({ line: line.replace(/\n/g, ' '), good: false }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(goodLine, anyLine), { maxLength: 30 }), arbitraryChunking({ maxCut: 2000, maxCuts: 6 }), async (lines, how) => {
        const bytes = encode(lines.map((l) => l.line).join('\n'));
        const { records, problems } = await readAll(chunked(bytes, chunkSizes(bytes.length, how)));
        const good = lines.filter((l) => l.good).map((l) => Number(l.line.split('\t')[0]));
        // Every good line lands (arbitrary lines may be good too: at least these).
        const landed = records.map((r) => r.geonameid);
        let at = 0;
        for (const id of good) {
          at = landed.indexOf(id, at);
          expect(at).toBeGreaterThanOrEqual(0);
          at++;
        }
        for (const p of problems) expect(Number(p.location)).toBeGreaterThan(0);
        expect(records.length + problems.length).toBeLessThanOrEqual(lines.length);
      }),
      { numRuns: 200 },
    );
  });

  it('a gazetteer file with no places gives an empty gazetteer that can still be merged into', async () => {
    const gazetteer = readGazetteer(encode('# nothing\n'));
    expect(gazetteer.size).toBe(0);
    expect(gazetteer.timeZoneAt(10, -66)).toBe('UTC');
    await mergeGeoNamesDump(gazetteer, chunked(await readFile(FIXTURE), [64]), { file: 'VE-sample.txt' });
    expect(gazetteer.timeZoneAt(10.5, -66.9)).toBe('America/Caracas');
  });
});
