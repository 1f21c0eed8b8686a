import { hash } from 'node:crypto';
import { z } from 'zod';

/**
 * Every format corroborate reads: chat exports, feeds, social posts, tables from any scraper
 * (with a column map), conflict-event data sets, captured web pages, and photos and videos.
 */
export const IngestFormat = z.enum(['telegram', 'feed', 'whatsapp', 'twitter', 'mastodon', 'table', 'acled', 'gdelt', 'webpage', 'media']);
export type IngestFormat = z.infer<typeof IngestFormat>;

/** ISO 8601 with an offset (`Z` or `±hh:mm`). */
export const IsoInstant = z.iso.datetime({ offset: true });

export const MediaStatus = z.enum([
  /** The referenced file was found and its bytes are in the vault under `sha256`. */
  'captured',
  /** The export says the file was left out ("File not included…"). */
  'not-included',
  /** The record names a file that is not on disk. */
  'missing',
  /** A remote URL (feed enclosure); not fetched at ingest. */
  'remote',
  /** Named by the parser, not yet looked up (before the media stage runs). */
  'pending',
]);
export type MediaStatus = z.infer<typeof MediaStatus>;

export const MediaRef = z.object({
  /** photo, video, audio, voice, sticker, animation, document, enclosure. */
  kind: z.string(),
  /** As written in the source: a path relative to the export, or a URL. */
  ref: z.string(),
  status: MediaStatus,
  sha256: z.string().nullable(),
  mediaType: z.string().nullable(),
  bytes: z.number().int().nonnegative().nullable(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
});
export type MediaRef = z.infer<typeof MediaRef>;

export const Channel = z.object({
  /** Stable id on its platform: `telegram:channel1234567890`, a feed's URL or id. */
  id: z.string(),
  name: z.string().nullable(),
  /** public_channel, public_supergroup, private_group, rss, atom, … */
  type: z.string().nullable(),
});
export type Channel = z.infer<typeof Channel>;

export const Author = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  /** True when id/name are pseudonyms of a private person, not the raw values. */
  pseudonymous: z.boolean(),
});
export type Author = z.infer<typeof Author>;

export const Origin = z.object({
  /** The source file as the user knows it, or a URL. */
  file: z.string(),
  /** SHA-256 of the evidentiary copy of the whole source in the vault, once captured. */
  sha256: z.string().nullable(),
  /** JSON pointer (`#/messages/4812`) or `line:col`. */
  location: z.string(),
  /** Byte range of the record inside the source, when known. */
  offset: z.number().int().nonnegative().nullable(),
  length: z.number().int().nonnegative().nullable(),
});
export type Origin = z.infer<typeof Origin>;

/** One item as a source gave it: a message, a post, an article. Nothing is inferred yet. */
export const RawItem = z.object({
  /** SHA-256 (hex) of the item's identity: see `rawItemId`. */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  format: IngestFormat,
  /** Id on the platform, e.g. `telegram:channel1234567890/4812`, a feed item's guid. */
  externalId: z.string(),
  /** message, service, article. */
  kind: z.string(),
  channel: Channel,
  author: Author.nullable(),
  time: IsoInstant.nullable(),
  editedTime: IsoInstant.nullable(),
  title: z.string().nullable(),
  text: z.string(),
  url: z.string().nullable(),
  /** Language declared by the source itself (feed `<language>`, `xml:lang`), not inferred. */
  declaredLanguage: z.string().nullable(),
  forwardedFrom: z.string().nullable(),
  replyTo: z.string().nullable(),
  media: z.array(MediaRef),
  geo: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  /** Format-specific fields worth keeping (poll, service action, categories, entities). */
  extra: z.record(z.string(), z.unknown()),
  origin: Origin,
});
export type RawItem = z.infer<typeof RawItem>;

/**
 * The identity of an item: the values that make it *this* message, in an order fixed by its
 * format's adapter, serialised as a JSON array and hashed. Re-exporting the same channel
 * (other indentation, other reaction counts, a fresh export date) gives the same id; an edit
 * gives a new one, because the content changed.
 */
export function rawItemId(identity: readonly unknown[]): string {
  return hash('sha256', JSON.stringify(identity), 'hex');
}
