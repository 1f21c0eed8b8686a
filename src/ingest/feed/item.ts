import { rawItemId, type Channel, type MediaRef, type RawItem, type Severity } from '../../model/index.js';
import { parseFeedDate, type FeedDate } from './dates.js';
import type { FeedDialect, ItemDraft, Located, MediaField, TextField } from './draft.js';
import { htmlToText, looksLikeHtml, plainText } from './html-text.js';
import { absoluteHttpUrl, resolveUrl } from './urls.js';

/** The channel as it stood when the first item began (see FeedReader). */
export interface FrozenChannel {
  readonly channel: Channel;
  readonly dialect: FeedDialect;
  /** The channel's own link (RSS `<link>`, Atom alternate), absolute; the base of last resort. */
  readonly link: string | null;
  readonly language: string | null;
  /** Atom feed-level authors, which entries without their own inherit (RFC 4287 §4.2.1). */
  readonly authors: readonly string[];
}

export interface MappingContext {
  readonly file: string;
  readonly sha256: string | null;
  readonly timezone: string;
  readonly channel: FrozenChannel;
  report(ruleId: string, severity: Severity, message: string, location: string): void;
  /** Report a systemic problem once per feed (double-escaped HTML), not once per item. */
  reportOnce(ruleId: string, severity: Severity, message: string, location: string): void;
}

export const MAX_FIELD_CHARACTERS = 8 * 1024 * 1024;


/** Map a finished item to a RawItem, reporting what was wrong with it; null when skipped. */
export function toRawItem(draft: ItemDraft, span: { offset: number | null; length: number | null }, context: MappingContext): RawItem | null {
  const { channel } = context;
  const media: MediaRef[] = [];

  const url = itemUrl(draft, context);
  const title = draft.title === null ? null : singleLine(readText(draft.title, context).text);
  let text = '';
  let summary: string | null = null;
  let images: { refs: readonly string[]; base: string | null } = { refs: [], base: null };
  const body = draft.content !== null ? readText(draft.content, context) : null;
  const description = draft.description !== null ? readText(draft.description, context) : null;
  if (body !== null && body.text !== '') {
    text = body.text;
    images = { refs: body.images, base: draft.content?.base ?? null };
    // WordPress and most CMSs put an excerpt in <description> next to the full content:encoded.
    if (description !== null && description.text !== '' && !text.includes(description.text)) summary = description.text;
  } else if (description !== null) {
    text = description.text;
    images = { refs: description.images, base: draft.description?.base ?? null };
  }

  for (const field of draft.media) {
    const ref = mediaRef(field, context);
    if (ref !== null) media.push(ref);
  }
  for (const src of images.refs) {
    const resolved = resolveUrl(src, images.base ?? url ?? channel.link);
    if ('url' in resolved) media.push(remoteMedia('photo', resolved.url, null, null, null, null));
    else context.report('feed/invalid-url', 'warning', `an image in the item's text was left out: ${resolved.problem}`, draft.at);
  }
  const uniqueMedia = dedupeMedia(media);

  if (title === null && text === '' && url === null && uniqueMedia.length === 0) {
    context.report('feed/empty-item', 'warning', 'the item has no title, text, link or media; it was skipped', draft.at);
    return null;
  }
  if (draft.oversized) {
    context.report(
      'feed/oversized-field',
      'warning',
      `a field of this item is longer than ${MAX_FIELD_CHARACTERS} characters; it was cut there`,
      draft.at,
    );
  }

  const { time, editedTime } = itemTimes(draft, context);
  const externalId = itemExternalId(draft, url, title, time, text);
  const extra = itemExtra(draft, context, summary);

  return {
    // Positional identity: append new values at the end, never reorder (ids would change).
    id: rawItemId(['feed', channel.channel.id, externalId, title, text, time, url]),
    format: 'feed',
    externalId,
    kind: 'article',
    channel: channel.channel,
    author: itemAuthor(draft, channel),
    time,
    editedTime,
    title,
    text,
    url,
    declaredLanguage: nonEmpty(draft.language) ?? nonEmpty(draft.lang) ?? channel.language,
    forwardedFrom: null,
    replyTo: null,
    media: uniqueMedia,
    geo: itemGeo(draft, context),
    extra,
    origin: { file: context.file, sha256: context.sha256, location: draft.at, offset: span.offset, length: span.length },
  };
}

/** Text of a field, HTML turned to plain text; a second pass when the HTML was escaped twice. */
export function readText(field: TextField, context: Pick<MappingContext, 'reportOnce'>): { text: string; images: readonly string[] } {
  if (field.markup === 'text') return { text: plainText(field.value), images: [] };
  const once = htmlToText(field.value);
  // Tags left in the text after one pass of HTML decoding: the feed escaped its HTML twice.
  if (!looksLikeHtml(once.text)) return once;
  context.reportOnce(
    'feed/double-escaped-html',
    'info',
    'the feed escapes its HTML twice (tags show as text after decoding); decoded once more',
    field.at,
  );
  const twice = htmlToText(once.text);
  return { text: twice.text, images: [...once.images, ...twice.images] };
}

export function singleLine(text: string): string | null {
  const line = text.replace(/\s+/g, ' ').trim();
  return line === '' ? null : line;
}

function nonEmpty(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function itemUrl(draft: ItemDraft, context: MappingContext): string | null {
  const link =
    draft.links.find((l) => l.rel === 'alternate' && (l.type === null || /html/i.test(l.type))) ??
    draft.links.find((l) => l.rel === 'alternate');
  if (link !== undefined) {
    const resolved = resolveUrl(link.value, link.base ?? context.channel.link);
    if ('url' in resolved) return resolved.url;
    context.report('feed/invalid-url', 'warning', `the item's link was left out: ${resolved.problem}`, link.at);
  }
  // RSS 2.0: a guid is a permalink unless isPermaLink="false".
  if (draft.guid?.isPermaLink === true) {
    const fromGuid = absoluteHttpUrl(draft.guid.value);
    if (fromGuid !== null) return fromGuid;
  }
  return draft.about === null ? null : absoluteHttpUrl(draft.about);
}

function itemExternalId(draft: ItemDraft, url: string | null, title: string | null, time: string | null, text: string): string {
  const written = nonEmpty(draft.guid?.value ?? null) ?? nonEmpty(draft.atomId?.value ?? null) ?? nonEmpty(draft.about) ?? url;
  if (written !== null) return written;
  // Nothing names the item: its title and time do, or its text when it has neither.
  return `sha256:${rawItemId(title === null && time === null ? ['text', text] : ['title-time', title, time])}`;
}

function itemTimes(draft: ItemDraft, context: MappingContext): { time: string | null; editedTime: string | null } {
  const written = draft.published ?? draft.dcDate ?? draft.updated;
  if (written === null) {
    context.report('feed/missing-date', 'info', 'the item has no date (pubDate, dc:date, published or updated)', draft.at);
    return { time: null, editedTime: null };
  }
  const time = readDate(written, context);
  let editedTime: string | null = null;
  if (draft.updated !== null && written !== draft.updated) {
    const updated = readDate(draft.updated, context);
    if (updated !== null && updated !== time) editedTime = updated;
  }
  return { time, editedTime };
}

function readDate(written: Located, context: MappingContext): string | null {
  const date: FeedDate = parseFeedDate(written.value, context.timezone);
  const quoted = JSON.stringify(written.value.trim());
  if (date.kind === 'invalid') {
    context.report('feed/invalid-date', 'warning', `the date ${quoted} is not valid (${date.reason}); the item has no time`, written.at);
    return null;
  }
  if (date.dateOnly) {
    const zone = date.zone === 'written' ? 'its zone' : context.timezone;
    context.report('feed/date-without-time', 'info', `the date ${quoted} has no time of day; read as 00:00 in ${zone}`, written.at);
  } else if (date.zone === 'assumed') {
    context.report(
      'feed/date-without-offset',
      'info',
      `the date ${quoted} has no UTC offset; read in the case timezone ${context.timezone}`,
      written.at,
    );
  }
  if (date.zone === 'unknown-zone') {
    context.report(
      'feed/unknown-timezone',
      'warning',
      `the date ${quoted} names a zone this reader does not know (${date.unknownZone ?? ''}); read in the case timezone ${context.timezone}`,
      written.at,
    );
  }
  if (date.weekdayMismatch !== null) {
    context.report(
      'feed/weekday-mismatch',
      'info',
      `the date ${quoted} says ${date.weekdayMismatch.written} but that day is a ${date.weekdayMismatch.actual}; the date is kept`,
      written.at,
    );
  }
  return date.iso;
}

function itemAuthor(draft: ItemDraft, channel: FrozenChannel): RawItem['author'] {
  let names = draft.creators.map((name) => name.trim()).filter((name) => name !== '');
  if (names.length === 0 && draft.rssAuthor !== null) {
    const byline = bylineName(draft.rssAuthor);
    if (byline !== null) names = [byline];
  }
  if (names.length === 0) names = [...channel.authors];
  if (names.length === 0) return null;
  // An outlet's byline is public; it names a journalist in their work, so it is kept as printed.
  return { id: null, name: [...new Set(names)].join(', '), pseudonymous: false };
}

/** RSS 2.0 `<author>` is `address (Name)` by the spec; keep the name when there is one. */
function bylineName(written: string): string | null {
  const text = written.trim();
  const parenthesised = /^\S+@\S+\s*\((.+)\)$/.exec(text);
  if (parenthesised?.[1] !== undefined) return parenthesised[1].trim();
  const angled = /^(.+?)\s*<\S+@\S+>$/.exec(text);
  if (angled?.[1] !== undefined) return angled[1].replace(/^"|"$/g, '').trim();
  return text === '' ? null : text;
}

function itemGeo(draft: ItemDraft, context: MappingContext): RawItem['geo'] {
  if (draft.point !== null) {
    const numbers = draft.point.value.trim().split(/[\s,]+/);
    const geo = numbers.length === 2 ? validGeo(numbers[0] ?? '', numbers[1] ?? '') : null;
    if (geo !== null) return checkNullIsland(geo, draft.point.at, context);
    context.report('feed/invalid-geo', 'warning', `the point ${JSON.stringify(draft.point.value.trim())} is not "latitude longitude"; no position kept`, draft.point.at);
    return null;
  }
  if (draft.lat === null && draft.long === null) return null;
  if (draft.lat === null || draft.long === null) {
    const only = draft.lat ?? draft.long;
    context.report('feed/invalid-geo', 'warning', 'geo:lat and geo:long come in pairs; only one is given, no position kept', only?.at ?? draft.at);
    return null;
  }
  const geo = validGeo(draft.lat.value, draft.long.value);
  if (geo !== null) return checkNullIsland(geo, draft.lat.at, context);
  context.report(
    'feed/invalid-geo',
    'warning',
    `geo:lat ${JSON.stringify(draft.lat.value.trim())} and geo:long ${JSON.stringify(draft.long.value.trim())} are not a position; no position kept`,
    draft.lat.at,
  );
  return null;
}

function validGeo(latText: string, lonText: string): { lat: number; lon: number } | null {
  if (!/^[+-]?\d+(\.\d+)?$/.test(latText.trim()) || !/^[+-]?\d+(\.\d+)?$/.test(lonText.trim())) return null;
  const lat = Number(latText);
  const lon = Number(lonText);
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon };
}

// 0,0 is where CMS location fields point when nobody filled them in, not a place in the news.
function checkNullIsland(geo: { lat: number; lon: number }, at: string, context: MappingContext): RawItem['geo'] {
  if (geo.lat !== 0 || geo.lon !== 0) return geo;
  context.report('feed/invalid-geo', 'warning', 'the position 0 0 is a CMS default, not a place; no position kept', at);
  return null;
}

const MEDIUM_KIND: Readonly<Record<string, string>> = { image: 'photo', video: 'video', audio: 'audio', document: 'document' };
const EXTENSION_KIND: readonly [RegExp, string][] = [
  [/\.(jpe?g|png|webp|gif|avif|heic)$/i, 'photo'],
  [/\.(mp4|webm|mov|m4v|mkv)$/i, 'video'],
  [/\.(mp3|m4a|ogg|oga|opus|wav|aac)$/i, 'audio'],
];

function mediaRef(field: MediaField, context: MappingContext): MediaRef | null {
  const resolved = resolveUrl(field.value, field.base ?? context.channel.link);
  if (!('url' in resolved)) {
    const element = field.element === 'enclosure' ? 'an enclosure' : field.element === 'media-content' ? 'a media:content' : 'a media:thumbnail';
    context.report('feed/invalid-url', 'warning', `${element} was left out: ${resolved.problem}`, field.at);
    return null;
  }
  const mediaType = nonEmpty(field.type)?.toLowerCase() ?? null;
  const kind =
    field.element === 'media-thumbnail'
      ? 'thumbnail'
      : (MEDIUM_KIND[field.medium?.trim().toLowerCase() ?? ''] ??
        MEDIUM_KIND[mediaType?.split('/')[0] ?? ''] ??
        EXTENSION_KIND.find(([pattern]) => pattern.test(new URL(resolved.url).pathname))?.[1] ??
        (field.element === 'enclosure' ? 'enclosure' : 'document'));
  // RSS writers put length="0" when they do not know the size (RSS Best Practices Profile).
  const bytes = wholeNumber(field.length);
  return remoteMedia(kind, resolved.url, mediaType, bytes === 0 ? null : bytes, positive(field.width), positive(field.height));
}

function remoteMedia(kind: string, ref: string, mediaType: string | null, bytes: number | null, width: number | null, height: number | null): MediaRef {
  return { kind, ref, status: 'remote', sha256: null, mediaType, bytes, width, height };
}

function wholeNumber(text: string | null): number | null {
  const trimmed = text?.trim() ?? '';
  if (!/^\d{1,15}$/.test(trimmed)) return null;
  return Number(trimmed);
}

function positive(text: string | null): number | null {
  const value = wholeNumber(text);
  return value === null || value === 0 ? null : value;
}

/** One entry per URL: feeds often name the same image as enclosure, media:content and <img>. */
function dedupeMedia(media: readonly MediaRef[]): MediaRef[] {
  const seen = new Set<string>();
  return media.filter((ref) => {
    if (seen.has(ref.ref)) return false;
    seen.add(ref.ref);
    return true;
  });
}

function itemExtra(draft: ItemDraft, context: MappingContext, summary: string | null): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  const categories = [...new Set(draft.categories.map((c) => c.trim()).filter((c) => c !== ''))];
  if (categories.length > 0) extra['categories'] = categories;
  if (draft.guid !== null) extra['guidIsPermaLink'] = draft.guid.isPermaLink;
  if (draft.comments !== null) {
    const resolved = resolveUrl(draft.comments.value, draft.comments.base ?? context.channel.link);
    if ('url' in resolved) extra['comments'] = resolved.url;
    else context.report('feed/invalid-url', 'warning', `the comments link was left out: ${resolved.problem}`, draft.comments.at);
  }
  if (draft.source !== null) {
    let sourceUrl: string | null = null;
    if (draft.source.url !== null) {
      const resolved = resolveUrl(draft.source.url.value, draft.source.url.base ?? context.channel.link);
      if ('url' in resolved) sourceUrl = resolved.url;
      else context.report('feed/invalid-url', 'warning', `the source link was left out: ${resolved.problem}`, draft.source.url.at);
    }
    // Syndicated copies name the outlet they come from: one provenance family, counted once.
    extra['source'] = { name: nonEmpty(draft.source.name), url: sourceUrl, id: nonEmpty(draft.source.id) };
  }
  if (context.channel.link !== null) extra['feedLink'] = context.channel.link;
  if (summary !== null) extra['summary'] = summary;
  return extra;
}
