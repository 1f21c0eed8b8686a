import { z } from 'zod';
import { EventTypeSlug } from './event-type.js';
import { IsoInstant } from './raw-item.js';

/**
 * What the analysis stages (src/analyze) say about one report. Every stage writes its own part;
 * the Report carries them all. Offsets into a text are UTF-16 code units, end exclusive, into
 * the Report's `text` (NFKC), so that a reader can highlight exactly what was read.
 */

/** A piece of text that a stage read a value from. */
const Span = { start: z.number().int().nonnegative(), end: z.number().int().nonnegative() };

// ── Event type ────────────────────────────────────────────────────────────────────────────

/**
 * ACLED sub-event types, plus an explosion whose cause the text does not tell (most eyewitness
 * posts: "se escuchó un bombazo") and "not an event report".
 */
export const ReportEventType = z.union([EventTypeSlug, z.enum(['explosion-unspecified', 'not-an-event'])]);
export type ReportEventType = z.infer<typeof ReportEventType>;

// ── Source role, attribution, urgency ─────────────────────────────────────────────────────

export const SourceRole = z.enum(['eyewitness', 'media', 'official', 'claimant', 'organisation', 'ngo', 'outsider', 'unknown']);
export type SourceRole = z.infer<typeof SourceRole>;

export const Urgency = z.enum(['breaking', 'developing', 'retrospective']);
export type Urgency = z.infer<typeof Urgency>;

export const Classification = z.object({
  eventType: ReportEventType,
  /** "no hubo explosión", "desmienten": the text says the event did not happen. */
  negated: z.boolean(),
  /** "rumours of", "al parecer", "sin confirmar": the text does not vouch for it. */
  hedged: z.boolean(),
  sourceRole: SourceRole,
  /**
   * Whose statement the report only relays ("según el ministro" → "el ministro"), or null when
   * it speaks for itself. An attributed report is never independent confirmation.
   */
  attributedTo: z.string().nullable(),
  /** Whether the report is about a violent incident at all (relevance, not truth). */
  related: z.boolean(),
  urgency: Urgency,
  /** The words that decided, for a reader to check: `{ start, end, cue }`. */
  cues: z.array(z.object({ ...Span, cue: z.string() })),
});
export type Classification = z.infer<typeof Classification>;

// ── Time ──────────────────────────────────────────────────────────────────────────────────

export const TimePrecision = z.enum(['minute', 'hour', 'part-of-day', 'day']);
export type TimePrecision = z.infer<typeof TimePrecision>;

/** A time expression in the text resolved to an interval [from, to). */
export const TimeMention = z.object({
  ...Span,
  text: z.string(),
  from: IsoInstant,
  to: IsoInstant,
  precision: TimePrecision,
  /** Resolved against the post time ("anoche", "hace una hora") rather than written out. */
  relative: z.boolean(),
  /** The IANA zone the expression was read in. */
  timeZone: z.string(),
});
export type TimeMention = z.infer<typeof TimeMention>;

// ── Numbers ───────────────────────────────────────────────────────────────────────────────

export const CountKind = z.enum(['killed', 'injured', 'missing', 'vehicles', 'explosions']);
export type CountKind = z.infer<typeof CountKind>;

/** "al menos 7 muertos" → { min: 7, max: null }; "entre 3 y 5 heridos" → { min: 3, max: 5 }. */
export const CountMention = z.object({
  ...Span,
  text: z.string(),
  kind: CountKind,
  min: z.number().int().nonnegative(),
  /** null: open-ended ("at least", "más de"). Equal to min for an exact figure. */
  max: z.number().int().nonnegative().nullable(),
});
export type CountMention = z.infer<typeof CountMention>;

// ── Places ────────────────────────────────────────────────────────────────────────────────

export const PlacePrecision = z.enum(['exact', 'vicinity', 'locality', 'admin-area', 'country']);
export type PlacePrecision = z.infer<typeof PlacePrecision>;

export const Toponym = z.object({
  ...Span,
  /** The name as resolved (the gazetteer's), or the text's words when unresolved. */
  name: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  precision: PlacePrecision.nullable(),
  /** 0–1: how sure the resolution is (0 when unresolved). */
  confidence: z.number().min(0).max(1),
  geonameid: z.number().int().optional(),
  countryCode: z.string().optional(),
});
export type Toponym = z.infer<typeof Toponym>;

/** Where a report puts its event: a geotag/EXIF/location first, else the best toponym. */
export const ReportPlace = z.object({
  lat: z.number(),
  lon: z.number(),
  precision: PlacePrecision,
  confidence: z.number().min(0).max(1),
  name: z.string().nullable(),
  /** geotag, exif, location (a Telegram/WhatsApp shared location) or text. */
  from: z.enum(['geotag', 'exif', 'location', 'text']),
});
export type ReportPlace = z.infer<typeof ReportPlace>;

// ── Families (near-duplicates and provenance) ─────────────────────────────────────────────

/** How a report joined its family's tree. */
export const FamilyLink = z.enum(['root', 'exact', 'near', 'forward', 'repost', 'quote', 'reply', 'media']);
export type FamilyLink = z.infer<typeof FamilyLink>;

export const FamilyMembership = z.object({
  /** The family's id: the root report's id. */
  family: z.string(),
  root: z.string(),
  /** The report this one copies (its parent in the tree), null for the root. */
  parent: z.string().nullable(),
  link: FamilyLink,
});
export type FamilyMembership = z.infer<typeof FamilyMembership>;

/**
 * A picture in a report that was seen before the claimed event began: it cannot show the event.
 * The earliest sighting is the evidence a reader checks (a report of the case, or an entry of a
 * reference set the investigator loaded).
 */
export const RecycledMedia = z.object({
  /** The picture's 64-bit perceptual hash in this report. */
  hash: z.string(),
  earliest: z.object({
    hash: z.string(),
    /** The report (raw item) that carried it; null for a reference-set entry. */
    item: z.string().nullable(),
    seen: IsoInstant,
    source: z.string(),
  }),
  /** Bits between the two hashes (0 = the same picture file or a lossless copy). */
  distance: z.number().int().nonnegative(),
});
export type RecycledMedia = z.infer<typeof RecycledMedia>;
