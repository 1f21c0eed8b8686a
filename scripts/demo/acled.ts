/**
 * A slice of conflict-event data for Apure in September 2026, in ACLED's CSV export layout.
 * Every row is INVENTED (ids VEN99xxx are not ACLED's, and each note says SYNTHETIC): it shows
 * what a reference layer looks like beside primary reports — coded by day, with time and
 * place precision codes, fatalities as a source reported them.
 */
import { PLACES } from './story.js';

const HEADER = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1', 'inter1',
  'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting', 'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location',
  'latitude', 'longitude', 'geo_precision', 'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const;

type Row = Record<(typeof HEADER)[number], string | number>;

const SYNTHETIC = 'SYNTHETIC DEMO ROW, not ACLED data.';
const MILITARY = 'Military Forces of Venezuela (2013-)';
const FGRS = 'FGRS: Frente Guerrillero Rio Sarare';

function row(partial: Partial<Row> & Pick<Row, 'event_id_cnty' | 'event_date' | 'event_type' | 'sub_event_type' | 'location' | 'latitude' | 'longitude' | 'notes'>): Row {
  return {
    year: 2026,
    time_precision: 1,
    disorder_type: 'Political violence',
    actor1: '',
    assoc_actor_1: '',
    inter1: '',
    actor2: '',
    assoc_actor_2: '',
    inter2: '',
    interaction: '',
    civilian_targeting: '',
    iso: 862,
    region: 'South America',
    country: 'Venezuela',
    admin1: 'Apure',
    admin2: 'Paez',
    admin3: '',
    geo_precision: 1,
    source: '',
    source_scale: '',
    fatalities: 0,
    tags: '',
    timestamp: 1790208000,
    ...partial,
  };
}

const ROWS: Row[] = [
  row({
    event_id_cnty: 'VEN99001', event_date: '2026-09-03', event_type: 'Protests', sub_event_type: 'Peaceful protest', disorder_type: 'Demonstrations',
    actor1: 'Protesters (Venezuela)', inter1: 6, interaction: 60, location: 'Guasdualito', latitude: PLACES.guasdualito.lat, longitude: PLACES.guasdualito.lon,
    source: 'La Sabana Digital', source_scale: 'Subnational',
    notes: `On 3 September 2026, residents protested in Guasdualito (Paez, Apure) over fuel shortages and power cuts. ${SYNTHETIC}`,
  }),
  row({
    event_id_cnty: 'VEN99002', event_date: '2026-09-09', event_type: 'Battles', sub_event_type: 'Armed clash', time_precision: 2,
    actor1: MILITARY, inter1: 1, actor2: FGRS, inter2: 2, interaction: 12, location: 'El Amparo', latitude: 7.067, longitude: -70.45, geo_precision: 2,
    source: 'Portal Llanero; Cuaderno de Frontera', source_scale: 'Subnational',
    notes: `Around 9 September 2026 (week of), military forces clashed with FGRS members near El Amparo (Paez, Apure). No fatalities reported. ${SYNTHETIC}`,
  }),
  row({
    event_id_cnty: 'VEN99003', event_date: '2026-09-16', event_type: 'Violence against civilians', sub_event_type: 'Attack',
    actor1: 'Unidentified Armed Group (Venezuela)', inter1: 3, actor2: 'Civilians (Venezuela)', inter2: 7, interaction: 37, civilian_targeting: 'Civilian targeting',
    location: 'Guasdualito', latitude: PLACES.guasdualito.lat, longitude: PLACES.guasdualito.lon, source: 'Apure al Dia', source_scale: 'Local partner-Other',
    notes: `On 16 September 2026, armed men attacked a motorcycle taxi driver in Guasdualito to steal his motorcycle; he was injured. ${SYNTHETIC}`,
  }),
  row({
    event_id_cnty: 'VEN99004', event_date: '2026-09-18', event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike',
    actor1: MILITARY, inter1: 1, actor2: FGRS, inter2: 2, interaction: 12, location: 'Cano Guaramacal', latitude: 7.17, longitude: -70.66, geo_precision: 2,
    source: 'COC-Llano; Cuaderno de Frontera; La Sabana Digital', source_scale: 'National-Subnational', fatalities: 12,
    notes: `On 18 September 2026, around 02:10, military forces carried out a drone strike on an FGRS camp near Cano Guaramacal, south-east of Guasdualito (Paez, Apure). The military reported 12 FGRS members killed, including its leader; the FGRS denied the casualties and residents said the camp had been abandoned. Fatalities as reported by the military, unverified. ${SYNTHETIC}`,
  }),
  row({
    event_id_cnty: 'VEN99005', event_date: '2026-09-18', event_type: 'Strategic developments', sub_event_type: 'Other', disorder_type: 'Strategic developments',
    actor1: 'FGRS: Frente Guerrillero Rio Sarare', inter1: 2, location: 'Bajo Palmarejo', latitude: PLACES.bajoPalmarejo.lat, longitude: PLACES.bajoPalmarejo.lon, geo_precision: 1,
    source: 'Llanos and Andes Monitor', source_scale: 'New media',
    notes: `On 18 September 2026, smoke was reported near Bajo Palmarejo (Paez, Apure); local sources attributed it to the burning of pasture. Coded as other strategic development pending information. ${SYNTHETIC}`,
  }),
  row({
    event_id_cnty: 'VEN99006', event_date: '2026-09-21', event_type: 'Strategic developments', sub_event_type: 'Change to group/activity', disorder_type: 'Strategic developments',
    actor1: FGRS, inter1: 2, location: 'Guasdualito', latitude: PLACES.guasdualito.lat, longitude: PLACES.guasdualito.lon, geo_precision: 3, time_precision: 1,
    source: 'FGRS', source_scale: 'Other',
    notes: `On 21 September 2026, the FGRS published a communique denying losses in the strike of 18 September. ${SYNTHETIC}`,
  }),
];

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** ACLED's export: a header, one row per event, CRLF line ends as the export tool writes them. */
export function acledSlice(): string {
  const lines = [HEADER.join(','), ...ROWS.map((r) => HEADER.map((column) => csvField(r[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
