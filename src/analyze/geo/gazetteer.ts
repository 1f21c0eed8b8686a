import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { distanceKm } from '../../model/index.js';
import { foldName } from './fold.js';

/**
 * The place names corroborate resolves toponyms against: countries, first- and second-level
 * admin areas and populated places from GeoNames (see data/gazetteer/README.md), kept column by
 * column so that 230,000 places take little memory, with one index from folded name (and
 * alternate name) to places. A GeoNames dump can be merged in at run time.
 */

/** The shipped gazetteer, built by scripts/build-gazetteer.ts (same depth under src/ and dist/). */
export const SHIPPED_GAZETTEER = fileURLToPath(new URL('../../../data/gazetteer/places.tsv.gz', import.meta.url));

export interface GazetteerPlace {
  /** Row in this gazetteer (stable for its lifetime). */
  readonly index: number;
  /** GeoNames id; null for the rows the build derived (countries, admin areas) until a dump gives them. */
  readonly geonameid: number | null;
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  /** GeoNames feature code: PCLI, ADM1, ADM2, PPLC, PPLA, PPL, … */
  readonly featureCode: string;
  /** GeoNames feature class: A (country, admin area), P (populated place), S, T, H, L, R, V, U. */
  readonly featureClass: string;
  readonly countryCode: string;
  readonly admin1: string;
  readonly admin2: string;
  readonly population: number;
  /** IANA zone, '' when the source has none. */
  readonly timeZone: string;
}

/** A place found under a name, and whether the name was its main name or an alternate. */
export interface NameMatch {
  readonly place: GazetteerPlace;
  readonly alternate: boolean;
}

/** One row as a GeoNames dump or the built file gives it. */
export interface PlaceRecord {
  geonameid: number | null;
  name: string;
  alternates: readonly string[];
  lat: number;
  lon: number;
  featureClass: string;
  featureCode: string;
  countryCode: string;
  admin1: string;
  admin2: string;
  population: number;
  timeZone: string;
}

export interface MergeCounts {
  added: number;
  /** Rows that took the place of one already there (same geonameid, or the derived admin/country row). */
  replaced: number;
}

const COUNTRY_CODES = new Set(['PCLI', 'PCLD', 'PCLF', 'PCLS', 'PCLIX', 'PCL', 'TERR']);

/** How many points timeZoneAt remembers before it starts over. */
const ZONES_REMEMBERED = 100_000;

/** Grid cell size for nearest-place queries, in degrees. */
const CELL = 1;

export class Gazetteer {
  // Columns: typed arrays (grown by doubling) and indexes into one table of interned codes.
  private capacity = 0;
  private rows = 0;
  private geonameids = new Float64Array(0);
  private lats = new Float64Array(0);
  private lons = new Float64Array(0);
  private populations = new Float64Array(0);
  /** Per row: [featureCode, featureClass, countryCode, admin1, admin2, timeZone] as indexes into `codes`. */
  private codeIndexes = new Uint32Array(0);
  private readonly names: string[] = [];
  private readonly codes: string[] = [];
  private readonly codeIndex = new Map<string, number>();
  /** Rows that a later merge replaced: kept out of every answer. */
  private readonly retired = new Set<number>();
  /** Folded name → rows, each as `row * 2 + (alternate ? 1 : 0)`. */
  private readonly nameIndex = new Map<string, number | number[]>();
  /** timeZoneAt's answers by point, forgotten when a place is added. */
  private readonly zones = new Map<string, string>();
  /** geonameid → row, built on first use (a plain load never needs it). */
  private geonameidIndex: Map<number, number> | null = null;
  /** `VE` → the country row, `VE.07` → ADM1, `VE.07.0814` → ADM2. */
  private readonly adminRows = new Map<string, number>();
  /** Folded demonym ("venezuelan") → the country's row. */
  private readonly demonymIndex = new Map<string, number>();
  private grid: Map<number, number[]> | null = null;
  private longestName = 1;

  get size(): number {
    return this.rows - this.retired.size;
  }

  /** Rows ever added, replaced ones included: `place(row)` takes 0 to this − 1. */
  get rowCount(): number {
    return this.rows;
  }

  /** The most words any name in the index has: how far an n-gram search needs to look. */
  get maxNameWords(): number {
    return this.longestName;
  }

  /** Every place known by this name (folded: accents and case do not matter), best-known first. */
  lookup(name: string): NameMatch[] {
    return this.lookupFolded(foldName(name));
  }

  /** As `lookup`, for a key already folded with `foldName`. */
  lookupFolded(key: string): NameMatch[] {
    const entry = this.nameIndex.get(key);
    if (entry === undefined) return [];
    const codes = typeof entry === 'number' ? [entry] : entry;
    const matches: NameMatch[] = [];
    for (const code of codes) {
      const row = code >> 1;
      if (this.retired.has(row)) continue;
      matches.push({ place: this.place(row), alternate: (code & 1) === 1 });
    }
    return matches;
  }

  /** The country a demonym names ("Venezuelan" → Venezuela), or null. */
  lookupDemonym(name: string): GazetteerPlace | null {
    const row = this.demonymIndex.get(foldName(name));
    return row === undefined || this.retired.has(row) ? null : this.place(row);
  }

  /** Count a (folded) demonym as naming the country at `row`. */
  addDemonym(key: string, row: number): void {
    if (key === '') return;
    // "American" is said of the United States before American Samoa: the larger country keeps it.
    const previous = this.demonymIndex.get(key);
    if (previous === undefined || (this.populations[row] ?? 0) > (this.populations[previous] ?? 0)) this.demonymIndex.set(key, row);
  }

  /** Whether any place has this folded name (no objects made: for scanning text). */
  hasFolded(key: string): boolean {
    return this.nameIndex.has(key);
  }

  byId(geonameid: number): GazetteerPlace | null {
    const row = this.byGeonameid().get(geonameid);
    return row === undefined || this.retired.has(row) ? null : this.place(row);
  }

  /** The country (`VE`), ADM1 (`VE`, `07`) or ADM2 (`VE`, `07`, `0814`) row. */
  admin(countryCode: string, admin1 = '', admin2 = ''): GazetteerPlace | null {
    const key = admin1 === '' ? countryCode : admin2 === '' ? `${countryCode}.${admin1}` : `${countryCode}.${admin1}.${admin2}`;
    const row = this.adminRows.get(key);
    return row === undefined ? null : this.place(row);
  }

  place(row: number): GazetteerPlace {
    const geonameid = this.geonameids[row] ?? 0;
    const at = row * 6;
    return {
      index: row,
      geonameid: geonameid === 0 ? null : geonameid,
      name: this.names[row] ?? '',
      lat: this.lats[row] ?? 0,
      lon: this.lons[row] ?? 0,
      featureCode: this.code(at),
      featureClass: this.code(at + 1),
      countryCode: this.code(at + 2),
      admin1: this.code(at + 3),
      admin2: this.code(at + 4),
      population: this.populations[row] ?? 0,
      timeZone: this.code(at + 5),
    };
  }

  private code(at: number): string {
    return this.codes[this.codeIndexes[at] ?? 0] ?? '';
  }

  /** The place nearest to a point, populated places and admin areas alike, or null when empty. */
  nearest(lat: number, lon: number, accept: (place: GazetteerPlace) => boolean = () => true): GazetteerPlace | null {
    const grid = this.buildGrid();
    const cellLat = Math.floor((lat + 90) / CELL);
    const cellLon = Math.floor((lon + 180) / CELL);
    let best = -1;
    let bestDistance = Infinity;
    // Grow the ring until a found place is nearer than anything the next ring could hold.
    for (let ring = 0; ring <= 180 / CELL; ring++) {
      for (let dLat = -ring; dLat <= ring; dLat++) {
        for (let dLon = -ring; dLon <= ring; dLon++) {
          if (Math.max(Math.abs(dLat), Math.abs(dLon)) !== ring) continue;
          const cell = cellKey(cellLat + dLat, (((cellLon + dLon) % (360 / CELL)) + 360 / CELL) % (360 / CELL));
          for (const row of grid.get(cell) ?? []) {
            if (this.retired.has(row)) continue;
            const distance = distanceKm(lat, lon, this.lats[row] ?? 0, this.lons[row] ?? 0);
            if (distance < bestDistance && accept(this.place(row))) {
              best = row;
              bestDistance = distance;
            }
          }
        }
      }
      // Anything outside this ring is at least `ring` cells away; 111 km a degree, less in longitude.
      const reach = ring * CELL * 111 * Math.cos((Math.min(89, Math.abs(lat) + ring * CELL) * Math.PI) / 180);
      if (best >= 0 && reach >= bestDistance) break;
    }
    return best < 0 ? null : this.place(best);
  }

  /**
   * The IANA time zone of the nearest place that has one; 'UTC' where there is none (empty
   * gazetteer). Remembered per point: most reports of a case are placed at the same few places.
   */
  timeZoneAt(lat: number, lon: number): string {
    const key = `${lat},${lon}`;
    let zone = this.zones.get(key);
    if (zone === undefined) {
      if (this.zones.size >= ZONES_REMEMBERED) this.zones.clear();
      zone = this.nearest(lat, lon, (place) => place.timeZone !== '' && place.featureClass === 'P')?.timeZone ?? 'UTC';
      this.zones.set(key, zone);
    }
    return zone;
  }

  /**
   * Add one place. A row with a geonameid already present replaces that row; a country, ADM1 or
   * ADM2 row replaces the one already there for the same codes.
   */
  add(record: PlaceRecord): 'added' | 'replaced' {
    return this.insert(record, [record.name, ...record.alternates].map(foldName));
  }

  /** `add` with the look-up keys already folded (the built file carries them: no folding at load). */
  insert(record: Omit<PlaceRecord, 'alternates'>, keys: readonly string[], known = false): 'added' | 'replaced' {
    let replaced = false;
    // `known`: rows of the built file, whose ids are unique: no need to look for one to replace.
    if (record.geonameid !== null && !known) {
      const previous = this.byGeonameid().get(record.geonameid);
      if (previous !== undefined) {
        this.retired.add(previous);
        replaced = true;
      }
    }
    const adminKey = adminKeyOf(record);
    if (adminKey !== null) {
      const previous = this.adminRows.get(adminKey);
      // The codes name the area: the later row (a dump's) stands for it.
      if (previous !== undefined && !this.retired.has(previous)) {
        this.retired.add(previous);
        replaced = true;
      }
    }
    const row = this.rows;
    if (row === this.capacity) this.grow();
    this.rows++;
    this.geonameids[row] = record.geonameid ?? 0;
    this.names.push(record.name);
    this.lats[row] = record.lat;
    this.lons[row] = record.lon;
    this.populations[row] = record.population;
    const at = row * 6;
    this.codeIndexes[at] = this.intern(record.featureCode);
    this.codeIndexes[at + 1] = this.intern(record.featureClass);
    this.codeIndexes[at + 2] = this.intern(record.countryCode);
    this.codeIndexes[at + 3] = this.intern(record.admin1);
    this.codeIndexes[at + 4] = this.intern(record.admin2);
    this.codeIndexes[at + 5] = this.intern(record.timeZone);
    if (record.geonameid !== null) this.geonameidIndex?.set(record.geonameid, row);
    if (adminKey !== null && (!this.adminRows.has(adminKey) || replaced || this.retired.has(this.adminRows.get(adminKey) ?? -1))) this.adminRows.set(adminKey, row);
    keys.forEach((key, i) => {
      this.indexKey(key, row * 2 + (i === 0 ? 0 : 1));
    });
    if (this.grid !== null) this.addToGrid(this.grid, row);
    return replaced ? 'replaced' : 'added';
  }

  private byGeonameid(): Map<number, number> {
    if (this.geonameidIndex !== null) return this.geonameidIndex;
    const index = new Map<number, number>();
    for (let row = 0; row < this.rows; row++) {
      const id = this.geonameids[row] ?? 0;
      if (id !== 0 && !this.retired.has(row)) index.set(id, row);
    }
    this.geonameidIndex = index;
    return index;
  }

  private indexKey(key: string, code: number): void {
    if (key === '') return;
    const entry = this.nameIndex.get(key);
    if (entry === undefined) this.nameIndex.set(key, code);
    else if (typeof entry === 'number') {
      if (entry >> 1 !== code >> 1) this.nameIndex.set(key, [entry, code]);
    } else if (!entry.some((existing) => existing >> 1 === code >> 1)) entry.push(code);
    let words = 1;
    for (let i = key.indexOf(' '); i >= 0; i = key.indexOf(' ', i + 1)) words++;
    if (words > this.longestName) this.longestName = Math.min(words, 8);
  }

  private intern(text: string): number {
    const known = this.codeIndex.get(text);
    if (known !== undefined) return known;
    this.codes.push(text);
    this.codeIndex.set(text, this.codes.length - 1);
    return this.codes.length - 1;
  }

  private grow(): void {
    this.capacity = Math.max(1024, this.capacity * 2);
    const widen = <T extends Float64Array | Uint32Array>(array: T, make: (size: number) => T, width = 1): T => {
      const wider = make(this.capacity * width);
      wider.set(array);
      return wider;
    };
    this.geonameids = widen(this.geonameids, (n) => new Float64Array(n));
    this.lats = widen(this.lats, (n) => new Float64Array(n));
    this.lons = widen(this.lons, (n) => new Float64Array(n));
    this.populations = widen(this.populations, (n) => new Float64Array(n));
    this.codeIndexes = widen(this.codeIndexes, (n) => new Uint32Array(n), 6);
  }

  private buildGrid(): Map<number, number[]> {
    if (this.grid !== null) return this.grid;
    const grid = new Map<number, number[]>();
    for (let row = 0; row < this.rows; row++) this.addToGrid(grid, row);
    this.grid = grid;
    return grid;
  }

  private addToGrid(grid: Map<number, number[]>, row: number): void {
    const key = cellKey(Math.floor(((this.lats[row] ?? 0) + 90) / CELL), Math.floor(((this.lons[row] ?? 0) + 180) / CELL) % (360 / CELL));
    const cell = grid.get(key);
    if (cell === undefined) grid.set(key, [row]);
    else cell.push(row);
  }
}

function cellKey(latCell: number, lonCell: number): number {
  return latCell * 1000 + lonCell;
}

function adminKeyOf(record: Omit<PlaceRecord, 'alternates'>): string | null {
  if (COUNTRY_CODES.has(record.featureCode) && record.featureCode !== 'TERR') return record.countryCode;
  if (record.featureCode === 'ADM1') return `${record.countryCode}.${record.admin1}`;
  if (record.featureCode === 'ADM2') return `${record.countryCode}.${record.admin1}.${record.admin2}`;
  return null;
}

/** The GeoNames feature class of the codes the built file uses. */
function featureClassOf(featureCode: string): string {
  if (featureCode.startsWith('ADM') || isCountryCode(featureCode)) return 'A';
  if (featureCode === 'CONT' || featureCode === 'RGN') return 'L';
  if (['OCN', 'SEA', 'GULF', 'STRT', 'LK', 'STM', 'BAY'].includes(featureCode)) return 'H';
  if (['ISL', 'ISLS', 'MTS', 'DSRT', 'PEN', 'VAL'].includes(featureCode)) return 'T';
  return 'P';
}

export function isCountryCode(featureCode: string): boolean {
  return COUNTRY_CODES.has(featureCode);
}

/**
 * Read the built gazetteer (gzip or plain text): one place a line, tab-separated — geonameid
 * (0 for derived rows), name, look-up keys (`foldName` of the name, then of each alternate, `|`), lat, lon, feature code, country, admin1, admin2,
 * population, time zone; `#` lines are comments.
 */
export function readGazetteer(bytes: Uint8Array): Gazetteer {
  const plain = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  const buffer = Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength);
  const gazetteer = new Gazetteer();
  let start = 0;
  let lineNumber = 0;
  // Each line is decoded on its own: substrings of one 20 MB string would keep all of it alive.
  while (start < buffer.length) {
    let end = buffer.indexOf(10, start);
    if (end < 0) end = buffer.length;
    lineNumber++;
    if (buffer[start] !== 35 /* # */ && end > start) {
      const f = buffer.toString('utf8', start, end).split('\t');
      if (f.length !== 12) throw new Error(`gazetteer line ${lineNumber}: ${f.length} fields, expected 12`);
      const [id = '', name = '', keys = '', lat = '', lon = '', featureCode = '', countryCode = '', admin1 = '', admin2 = '', population = '', timeZone = '', demonyms = ''] = f;
      const row = gazetteer.rowCount;
      gazetteer.insert(
        {
          geonameid: id === '0' ? null : Number(id),
          name,
          lat: Number(lat),
          lon: Number(lon),
          featureClass: featureClassOf(featureCode),
          featureCode,
          countryCode,
          admin1,
          admin2,
          population: Number(population),
          timeZone,
        },
        keys === '' ? [] : keys.split('|'),
        true,
      );
      if (demonyms !== '') for (const demonym of demonyms.split('|')) gazetteer.addDemonym(demonym, row);
    }
    start = end + 1;
  }
  return gazetteer;
}

/** Read a gazetteer file; the shipped one when no path is given. */
export function loadGazetteer(path: string = SHIPPED_GAZETTEER): Gazetteer {
  return readGazetteer(readFileSync(path));
}

let shipped: Gazetteer | null = null;

/** The shipped gazetteer, read once per process and shared (merges into it are seen by all). */
export function shippedGazetteer(): Gazetteer {
  return (shipped ??= loadGazetteer());
}

export { distanceKm };
