import { z } from 'zod';
import { IsoInstant, SAME_PICTURE_MAX_DISTANCE, hashBands, hamming } from '../../model/index.js';

/**
 * "Is this picture older than the event?" A picture posted as showing tonight's strike that was
 * already online last year is recycled. Every sighting of a picture — in any ingested item, or in
 * a reference set the user loads (an archive, earlier reverse-image-search results) — carries its
 * 64-bit perceptual hash and when it was seen; a picture whose earliest sighting (within the
 * same-picture distance) is before the claimed event's start pre-dates the event.
 */
export const MediaSighting = z.object({
  /** 64-bit perceptual hash (dHash), 16 hex digits. */
  hash: z.string().regex(/^[0-9a-fA-F]{16}$/),
  /** The item that carried it; null for a reference-set entry. */
  item: z.string().nullable(),
  /** When it was seen (posted, archived, published), ISO 8601 with an offset. */
  seen: IsoInstant,
  /** Where: the item's source, the reference set's name and entry. */
  source: z.string(),
});
export type MediaSighting = z.infer<typeof MediaSighting>;

export interface RecycledMediaCheck {
  /** The item whose picture this is. */
  readonly item: string;
  readonly hash: string;
  /** Seen before the event's start (strictly earlier). */
  readonly predatesEvent: boolean;
  /** The earliest sighting of the same picture (possibly this one), the evidence a reader checks. */
  readonly earliest: MediaSighting;
  /** Bits between this picture's hash and the earliest sighting's. */
  readonly distance: number;
}

/**
 * One check per picture of each item (each distinct item and hash), in input order. The
 * reference set's entries are never checked themselves; they only date pictures.
 */
export function checkRecycledMedia(input: {
  readonly eventStart: string;
  readonly sightings: readonly MediaSighting[];
  readonly reference?: readonly MediaSighting[];
}): RecycledMediaCheck[] {
  const start = Date.parse(input.eventStart);
  if (Number.isNaN(start)) throw new RangeError(`event start "${input.eventStart}" is not an ISO 8601 instant`);
  const all = [...input.sightings, ...(input.reference ?? [])].map((sighting) => ({ ...sighting, hash: sighting.hash.toLowerCase(), at: Date.parse(sighting.seen) }));
  const bad = all.find((sighting) => Number.isNaN(sighting.at) || !/^[0-9a-f]{16}$/.test(sighting.hash));
  if (bad !== undefined) throw new RangeError(`sighting of "${bad.hash}" from ${bad.source}: not a 16-hex-digit hash seen at an ISO 8601 instant`);

  // Multi-index hashing: two hashes within the distance agree on at least one of its bands.
  const buckets = new Map<string, number[]>();
  all.forEach((sighting, index) => {
    for (const band of hashBands(sighting.hash, SAME_PICTURE_MAX_DISTANCE)) {
      const bucket = buckets.get(band) ?? [];
      bucket.push(index);
      buckets.set(band, bucket);
    }
  });

  const checks: RecycledMediaCheck[] = [];
  const done = new Set<string>();
  input.sightings.forEach((sighting, index) => {
    if (sighting.item === null) return;
    const self = all[index];
    if (self === undefined) return;
    const key = `${sighting.item}\n${self.hash}`;
    if (done.has(key)) return;
    done.add(key);
    let earliest = index;
    let earliestDistance = 0;
    const seen = new Set<number>();
    for (const band of hashBands(self.hash, SAME_PICTURE_MAX_DISTANCE)) {
      for (const other of buckets.get(band) ?? []) {
        if (seen.has(other)) continue;
        seen.add(other);
        const candidate = all[other];
        const current = all[earliest];
        if (candidate === undefined || current === undefined) continue;
        const distance = hamming(self.hash, candidate.hash);
        if (distance > SAME_PICTURE_MAX_DISTANCE) continue;
        // Earliest first; on a tie, the closer picture, then the input order.
        if (candidate.at < current.at || (candidate.at === current.at && (distance < earliestDistance || (distance === earliestDistance && other < earliest)))) {
          earliest = other;
          earliestDistance = distance;
        }
      }
    }
    const found = all[earliest] ?? self;
    checks.push({
      item: sighting.item,
      hash: self.hash,
      predatesEvent: found.at < start,
      earliest: { hash: found.hash, item: found.item, seen: found.seen, source: found.source },
      distance: earliestDistance,
    });
  });
  return checks;
}

/** One line of a reference set's JSON Lines: `{"hash","seen","source"}`; `seen` may be a date (read as 00:00 UTC). */
const ReferenceLine = z.object({
  hash: z.string().regex(/^[0-9a-fA-F]{16}$/, 'a 64-bit perceptual hash as 16 hex digits'),
  seen: z.union([IsoInstant, z.iso.date()]),
  source: z.string().min(1),
});

export interface ReferenceSetProblem {
  readonly line: number;
  readonly message: string;
}

/**
 * A reference set written as JSON Lines, from its bytes: every good line becomes a sighting
 * (no item), every bad line a problem naming its line; blank lines are skipped.
 */
export function readReferenceSet(bytes: Uint8Array | string): { sightings: MediaSighting[]; problems: ReferenceSetProblem[] } {
  const text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const sightings: MediaSighting[] = [];
  const problems: ReferenceSetProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      problems.push({ line, message: 'not JSON' });
      return;
    }
    const parsed = ReferenceLine.safeParse(value);
    if (!parsed.success) {
      problems.push({ line, message: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`).join('; ') });
      return;
    }
    const { hash, seen, source } = parsed.data;
    sightings.push({ hash: hash.toLowerCase(), item: null, seen: seen.length === 10 ? `${seen}T00:00:00Z` : seen, source });
  });
  return { sightings, problems };
}
