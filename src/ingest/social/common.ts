import { DateTime } from 'luxon';
import { jsonPointer, type MediaRef } from '../../model/index.js';
import type { JsonPath } from '../json-scanner.js';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as a diagnostic shows it: its type and a short rendering. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const shown = JSON.stringify(value);
  return `${typeof value} ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}`;
}

/** A non-empty string, or null. */
export function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** An id as platforms write them: a string of digits (or letters), or an integer. */
export function idString(value: unknown): string | null {
  if (typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return null;
}

export function positiveInt(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

const OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const UTC_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;

/**
 * An ISO 8601 instant that carries its offset, as UTC (`…Z`, milliseconds only when not zero).
 * APIs always write the offset; a time without one is not an API's and is refused.
 */
export function isoInstant(value: string): string | null {
  const trimmed = value.trim();
  // What APIs write, `2026-09-18T06:14:03.000Z`, without Luxon: a tenth of the time, a million times.
  const utc = UTC_INSTANT.exec(trimmed);
  if (utc !== null) {
    const [year, month, day, hour, minute, second] = utc.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    const millisecond = utc[7] === undefined ? 0 : Math.floor(Number(utc[7]) * 1000);
    const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millisecond));
    if (year < 1000 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1 || hour > 23 || minute > 59 || second > 59) return null;
    return date.toISOString().replace('.000Z', 'Z');
  }
  if (!OFFSET.test(trimmed) || !/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) return null;
  const parsed = DateTime.fromISO(trimmed, { setZone: true });
  return parsed.isValid ? utcIso(parsed) : null;
}

/** UTC ISO 8601 of a Luxon time, or null outside the four-digit years ISO 8601 allows unexpanded. */
export function utcIso(time: DateTime): string | null {
  const iso = time.toUTC().toISO({ suppressMilliseconds: true });
  return iso !== null && /^\d{4}-/.test(iso) ? iso : null;
}

/** An absolute http(s) URL, normalised, or null: other schemes are never links to follow. */
export function httpUrl(value: unknown): string | null {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value.trim())) return null;
  try {
    return new URL(value.trim()).href;
  } catch {
    return null;
  }
}

/** A position in range; 0,0 is where unset location fields point, not a place in the news. */
export function validGeo(lat: unknown, lon: unknown): { lat: number; lon: number } | null {
  if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat === 0 && lon === 0)) return null;
  return { lat, lon };
}

export function remoteMedia(kind: string, ref: string, mediaType: string | null, width: number | null, height: number | null): MediaRef {
  return { kind, ref, status: 'remote', sha256: null, mediaType, bytes: null, width, height };
}

/**
 * Where a record is in a file of one or more JSON documents: the JSON pointer in the first
 * document (`#/data/3`); in later ones the line the document starts on as well (`line 12 #/data/3`).
 */
export function jsonLocation(doc: number, line: number, path: JsonPath): string {
  const pointer = jsonPointer(path);
  if (pointer === '') return `line ${line}`;
  return doc === 0 ? pointer : `line ${line} ${pointer}`;
}

/** A declared language tag, or null for "undetermined" and platform pseudo-codes. */
export function languageTag(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const tag = value.trim();
  // Twitter writes `und` and q-codes (qme media only, qht hashtags only, qam mentions only, …).
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(tag) || tag === 'und' || tag === 'zxx' || /^q[a-t][a-z]$/i.test(tag)) return null;
  return tag;
}
