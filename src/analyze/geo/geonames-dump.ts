import { diagnostic, type Diagnostic } from '../../model/index.js';
import { usefulAlternates } from './fold.js';
import type { Gazetteer, MergeCounts, PlaceRecord } from './gazetteer.js';

/**
 * A GeoNames dump (`VE.txt`, `allCountries.txt`, `cities500.txt`): UTF-8, one feature a line,
 * 19 tab-separated columns — geonameid, name, asciiname, alternatenames (comma-separated),
 * latitude, longitude, feature class, feature code, country code, cc2, admin1, admin2, admin3,
 * admin4, population, elevation, dem, timezone, modification date
 * (download.geonames.org/export/dump/readme.txt). Read a chunk at a time: memory stays bounded
 * whatever the file's size; a bad line becomes a diagnostic with its line number and the rest
 * still lands.
 */

const COLUMNS = 19;
const FEATURE_CLASSES = new Set(['A', 'H', 'L', 'P', 'R', 'S', 'T', 'U', 'V']);
/** No GeoNames line comes near this; a longer one is not a GeoNames line (and is not kept whole). */
const MAX_LINE = 1 << 20;

export interface GeoNamesDumpOptions {
  /** The file as the user knows it, for diagnostics. */
  file: string;
  /** Feature classes kept (default A and P: admin areas, countries and populated places). */
  featureClasses?: readonly string[];
  /** Places (class P) with fewer people are left out; default 0 (all). */
  minPopulation?: number;
}

export interface MergeReport extends MergeCounts {
  /** Good lines left out by the feature-class or population filter. */
  skipped: number;
  /** Bad lines. */
  rejected: number;
}

/** Lines of a UTF-8 byte (or string) stream, each with its number; a line too long is cut to a marker. */
async function* linesOf(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<{ line: string; number: number; tooLong: boolean }> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let number = 0;
  let dropping = false;
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let from = 0;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', from)) {
      number++;
      const line = pending + text.slice(from, at);
      pending = '';
      from = at + 1;
      if (dropping) {
        dropping = false;
        yield { line: '', number, tooLong: true };
      } else yield { line: line.endsWith('\r') ? line.slice(0, -1) : line, number, tooLong: false };
    }
    if (!dropping) pending += text.slice(from);
    if (pending.length > MAX_LINE) {
      pending = '';
      dropping = true;
    }
  }
  const rest = pending + decoder.decode();
  if (dropping) yield { line: '', number: number + 1, tooLong: true };
  else if (rest !== '') yield { line: rest.endsWith('\r') ? rest.slice(0, -1) : rest, number: number + 1, tooLong: false };
}

/** Every line of a dump as a place record or a diagnostic (rule ids `geonames/…`). */
export async function* readGeoNamesDump(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, file: string): AsyncGenerator<PlaceRecord | Diagnostic> {
  for await (const { line, number, tooLong } of linesOf(chunks)) {
    if (tooLong) {
      yield diagnostic('geonames/line-too-long', 'error', `the line is longer than ${MAX_LINE} characters: not a GeoNames line`, file, String(number));
      continue;
    }
    if (line.trim() === '' || line.startsWith('#')) continue;
    const parsed = parseLine(line);
    if (typeof parsed === 'string') {
      yield diagnostic(parsed.slice(0, parsed.indexOf(' ')), 'error', parsed.slice(parsed.indexOf(' ') + 1), file, String(number));
    } else yield parsed;
  }
}

/** One dump line as a record, or `"<rule id> <message>"`. */
function parseLine(line: string): PlaceRecord | string {
  const f = line.split('\t');
  if (f.length !== COLUMNS) return `geonames/field-count ${f.length} tab-separated fields, expected ${COLUMNS}`;
  const [id = '', name = '', , alternates = '', lat = '', lon = '', featureClass = '', featureCode = '', countryCode = '', , admin1 = '', admin2 = '', , , population = '', , , timeZone = ''] = f;
  if (!/^[1-9]\d{0,9}$/.test(id)) return `geonames/bad-id geonameid ${JSON.stringify(id.slice(0, 40))} is not a positive whole number`;
  if (name.trim() === '') return 'geonames/no-name the name is empty';
  const latitude = Number(lat);
  const longitude = Number(lon);
  if (lat.trim() === '' || !Number.isFinite(latitude) || latitude < -90 || latitude > 90) return `geonames/bad-coordinates latitude ${JSON.stringify(lat.slice(0, 40))} is not between -90 and 90`;
  if (lon.trim() === '' || !Number.isFinite(longitude) || longitude < -180 || longitude > 180) return `geonames/bad-coordinates longitude ${JSON.stringify(lon.slice(0, 40))} is not between -180 and 180`;
  if (featureClass !== '' && !FEATURE_CLASSES.has(featureClass)) return `geonames/bad-feature-class feature class ${JSON.stringify(featureClass.slice(0, 40))} is not one of ${[...FEATURE_CLASSES].join(', ')}`;
  if (countryCode !== '' && !/^[A-Z]{2}$/.test(countryCode)) return `geonames/bad-country country code ${JSON.stringify(countryCode.slice(0, 40))} is not two capital letters`;
  if (population !== '' && !/^\d{1,12}$/.test(population)) return `geonames/bad-population population ${JSON.stringify(population.slice(0, 40))} is not a whole number`;
  return {
    geonameid: Number(id),
    name: name.trim(),
    alternates: alternates === '' ? [] : usefulAlternates(name, alternates.split(',')),
    lat: latitude,
    lon: longitude,
    featureClass,
    featureCode,
    countryCode,
    admin1,
    admin2,
    population: population === '' ? 0 : Number(population),
    timeZone,
  };
}

/**
 * Merge a dump into a gazetteer: new places are added, a place already there (same geonameid, or
 * the derived row of the same country or admin area) is replaced. Diagnostics go to `report`.
 */
export async function mergeGeoNamesDump(
  gazetteer: Gazetteer,
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: GeoNamesDumpOptions,
  report: (problem: Diagnostic) => void = () => undefined,
): Promise<MergeReport> {
  const classes = new Set(options.featureClasses ?? ['A', 'P']);
  const minPopulation = options.minPopulation ?? 0;
  const counts: MergeReport = { added: 0, replaced: 0, skipped: 0, rejected: 0 };
  for await (const value of readGeoNamesDump(chunks, options.file)) {
    if ('ruleId' in value) {
      counts.rejected++;
      report(value);
      continue;
    }
    if (!classes.has(value.featureClass) || (value.featureClass === 'P' && value.population < minPopulation)) {
      counts.skipped++;
      continue;
    }
    counts[gazetteer.add(value)]++;
  }
  return counts;
}
