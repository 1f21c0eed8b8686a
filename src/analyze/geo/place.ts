import type { PlacePrecision, ReportPlace, Toponym } from '../../model/index.js';
import { shippedGazetteer, type Gazetteer } from './gazetteer.js';
import type { PlaceContext } from './geocode.js';
import { geoparse, type RecogniseOptions } from './geoparse.js';

/** A point a report carries beside its text. */
export interface Coordinates {
  lat: number;
  lon: number;
}

export interface PlaceEvidence {
  /** A location shared in the chat (Telegram/WhatsApp location or venue message). */
  location?: Coordinates | null;
  /** GPS position in a photo's EXIF. */
  exif?: Coordinates | null;
  /** The post's geotag (where the poster said they were). */
  geotag?: Coordinates | null;
  /** The text's toponyms, resolved. */
  toponyms: readonly Toponym[];
}

/**
 * Coordinates that came with the report come first, in this order and with these confidences:
 * a shared location names the place on purpose; EXIF GPS is where the photo was taken; a post's
 * geotag is where the poster was, which may be near the event rather than at it.
 */
const ATTACHED: readonly { from: 'location' | 'exif' | 'geotag'; precision: PlacePrecision; confidence: number }[] = [
  { from: 'location', precision: 'exact', confidence: 0.95 },
  { from: 'exif', precision: 'exact', confidence: 0.9 },
  { from: 'geotag', precision: 'vicinity', confidence: 0.8 },
];

const SPECIFICITY: Record<PlacePrecision, number> = { exact: 4, vicinity: 3, locality: 2, 'admin-area': 1, country: 0 };

/** Below this a resolved toponym is too unsure to put the report on the map. */
const MIN_TOPONYM_CONFIDENCE = 0.3;

/**
 * Where a report puts its event: attached coordinates first, else the most specific toponym the
 * text names with enough confidence (a town before its state before its country; ties go to the
 * surer, then to the first named). Null when there is neither.
 */
export function chooseReportPlace(evidence: PlaceEvidence): ReportPlace | null {
  for (const { from, precision, confidence } of ATTACHED) {
    const point = evidence[from];
    if (point != null && validPoint(point)) return { lat: point.lat, lon: point.lon, precision, confidence, name: null, from };
  }
  let best: Toponym | null = null;
  for (const toponym of evidence.toponyms) {
    if (toponym.lat === null || toponym.lon === null || toponym.precision === null || toponym.confidence < MIN_TOPONYM_CONFIDENCE) continue;
    if (best?.precision == null) {
      best = toponym;
      continue;
    }
    const specificity = SPECIFICITY[toponym.precision] - SPECIFICITY[best.precision];
    if (specificity > 0 || (specificity === 0 && toponym.confidence > best.confidence)) best = toponym;
  }
  if (best === null || best.lat === null || best.lon === null || best.precision === null) return null;
  return { lat: best.lat, lon: best.lon, precision: best.precision, confidence: best.confidence, name: best.name, from: 'text' };
}

function validPoint(point: Coordinates): boolean {
  return Number.isFinite(point.lat) && Number.isFinite(point.lon) && Math.abs(point.lat) <= 90 && Math.abs(point.lon) <= 180 && !(point.lat === 0 && point.lon === 0);
}

/**
 * The IANA time zone at a point: that of the nearest populated place in the gazetteer (the
 * shipped one unless another is given). Near a border the nearest town may be across it; the
 * time stage only needs the zone of where a report's place is.
 */
export function timeZoneAt(lat: number, lon: number, gazetteer: Gazetteer = shippedGazetteer()): string {
  return gazetteer.timeZoneAt(lat, lon);
}

export interface PlacesOfReport {
  toponyms: Toponym[];
  place: ReportPlace | null;
  /** The IANA zone at the report's place, for reading its times; null when it has no place. */
  timeZone: string | null;
}

/**
 * The whole places stage for one report, as the pipeline calls it: the text's toponyms, the
 * report's place (attached coordinates first) and the time zone there.
 */
export function placesOfReport(
  text: string,
  gazetteer: Gazetteer,
  options: PlaceContext & RecogniseOptions & Omit<PlaceEvidence, 'toponyms'> = {},
): PlacesOfReport {
  const { location, exif, geotag, ...context } = options;
  const toponyms = geoparse(text, gazetteer, context);
  const place = chooseReportPlace({ toponyms, location: location ?? null, exif: exif ?? null, geotag: geotag ?? null });
  return { toponyms, place, timeZone: place === null ? null : gazetteer.timeZoneAt(place.lat, place.lon) };
}
