import { diagnostic, rawItemId, type Diagnostic, type MediaRef, type Pseudonymizer, type RawItem, type Severity } from '../../model/index.js';
import { describe, httpUrl, idString, isObject, isoInstant, languageTag, positiveInt, remoteMedia, text, validGeo, type Json } from './common.js';

/** The expansions of one response page (`includes`), by id. */
export interface TwitterIncludes {
  readonly users: ReadonlyMap<string, Json>;
  readonly media: ReadonlyMap<string, Json>;
  readonly places: ReadonlyMap<string, Json>;
  readonly tweets: ReadonlyMap<string, Json>;
  readonly polls: ReadonlyMap<string, Json>;
}

export interface TweetContext {
  readonly includes: TwitterIncludes;
  readonly file: string;
  readonly sha256: string | null;
  readonly location: string;
  readonly offset: number | null;
  readonly length: number | null;
  readonly pseudonymizer: Pseudonymizer;
}

export interface TweetResult {
  readonly item: RawItem | null;
  readonly diagnostics: Diagnostic[];
  /** The author is not in the page's `includes.users`: pseudonymised, for the account may be protected. */
  readonly authorUnresolved: boolean;
  readonly protectedAuthor: boolean;
  /** Media keys with no entry in `includes.media`. */
  readonly mediaUnresolved: number;
  readonly missingDate: boolean;
}

type Report = (ruleId: string, severity: Severity, message: string) => void;

/**
 * One tweet of an X/Twitter API v2 response as a RawItem, its author, media, place, poll and
 * referenced tweets resolved through the page's `includes`. Also reads tweets whose expansions are
 * written inline (twarc's "flattened" tweets: `author`, `attachments.media`, `geo.place`).
 */
export function tweetToItem(value: unknown, ctx: TweetContext): TweetResult {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (ruleId, severity, message) => {
    diagnostics.push(diagnostic(ruleId, severity, message, ctx.file, ctx.location));
  };
  const empty = { authorUnresolved: false, protectedAuthor: false, mediaUnresolved: 0, missingDate: false };
  if (!isObject(value)) {
    report('twitter/invalid-tweet', 'error', `a tweet must be an object, found ${describe(value)}; skipped`);
    return { item: null, diagnostics, ...empty };
  }
  const tweet = value;
  const tweetId = idString(tweet['id']);
  if (tweetId === null || !/^\d+$/.test(tweetId)) {
    report('twitter/invalid-tweet', 'error', `a tweet's "id" must be a string of digits, found ${describe(tweet['id'])}; skipped`);
    return { item: null, diagnostics, ...empty };
  }
  const lookup = new Lookup(ctx.includes, tweet);
  const externalId = `twitter:${tweetId}`;

  let time: string | null = null;
  const createdAt = tweet['created_at'];
  if (typeof createdAt === 'string') {
    time = isoInstant(createdAt);
    if (time === null) report('twitter/invalid-date', 'warning', `"created_at" ${describe(createdAt)} is not an ISO 8601 time with an offset; the tweet has no time`);
  } else if (createdAt !== undefined && createdAt !== null) {
    report('twitter/invalid-date', 'warning', `"created_at" must be a string, found ${describe(createdAt)}; the tweet has no time`);
  }

  if (tweet['text'] !== undefined && typeof tweet['text'] !== 'string') {
    report('twitter/invalid-field', 'warning', `"text" must be a string, found ${describe(tweet['text'])}`);
  }
  const authorId = idString(tweet['author_id']);
  const author = resolveAuthor(authorId, lookup, ctx.pseudonymizer);

  const references = referencedTweets(tweet['referenced_tweets']);
  const repliedTo = references.find((r) => r.type === 'replied_to')?.id ?? null;
  const quoted = references.find((r) => r.type === 'quoted')?.id ?? null;
  const retweeted = references.find((r) => r.type === 'retweeted')?.id ?? null;

  const own = tweetText(tweet);
  let body = own.text;
  let textSource = tweet;
  let forwardedFrom: string | null = null;
  if (retweeted !== null) {
    // A retweet's own text is "RT @handle: " and the original cut short; the original is the content.
    const original = lookup.tweet(retweeted);
    if (original !== null) {
      body = tweetText(original).text;
      textSource = original;
      const originalAuthor = lookup.user(idString(original['author_id']));
      const username = originalAuthor === null ? null : text(originalAuthor['username']);
      if (originalAuthor !== null && originalAuthor['protected'] === true) {
        forwardedFrom = ctx.pseudonymizer.pseudonym('twitter-user', idString(original['author_id']) ?? '');
      } else if (username !== null) forwardedFrom = `@${username}`;
    }
    const handle = forwardedFrom === null ? /^RT @(\w{1,15}):/.exec(own.text)?.[1] : undefined;
    if (handle !== undefined) forwardedFrom = `@${handle}`;
  }

  let { media, details, unresolved } = tweetMedia(tweet, lookup);
  if (media.length === 0 && textSource !== tweet) ({ media, details, unresolved } = tweetMedia(textSource, lookup));
  const { geo, place, precision } = tweetGeo(tweet, lookup, report);

  const extra: Json = {};
  const conversation = idString(tweet['conversation_id']);
  if (conversation !== null) extra['conversation'] = `twitter:${conversation}`;
  if (quoted !== null) extra['quoted'] = `twitter:${quoted}`;
  if (retweeted !== null) extra['retweetOf'] = `twitter:${retweeted}`;
  if (own.long) extra['longPost'] = true;
  const entities = entityLists(tweetText(textSource).entities, lookup, ctx.pseudonymizer);
  Object.assign(extra, entities);
  if (isObject(tweet['public_metrics'])) extra['publicMetrics'] = tweet['public_metrics'];
  const history = Array.isArray(tweet['edit_history_tweet_ids']) ? tweet['edit_history_tweet_ids'].filter((id): id is string => typeof id === 'string') : [];
  // The first id is the original post; more than one means it was edited (each edit is a new tweet).
  if (history.length > 1) extra['editHistory'] = history.map((id) => `twitter:${id}`);
  if (place !== null) extra['place'] = place;
  if (precision !== null) extra['geoPrecision'] = precision;
  const poll = tweetPoll(tweet, lookup);
  if (poll !== null) extra['poll'] = poll;
  if (details.length > 0) extra['mediaDetails'] = details;
  if (typeof tweet['possibly_sensitive'] === 'boolean') extra['possiblySensitive'] = tweet['possibly_sensitive'];
  if (author.kind === 'public') {
    extra['authorUsername'] = author.username;
    if (typeof author.user['verified'] === 'boolean') extra['authorVerified'] = author.user['verified'];
  }
  const lang = tweet['lang'];
  if (typeof lang === 'string' && languageTag(lang) === null) extra['lang'] = lang;

  const replyTo = repliedTo === null ? null : `twitter:${repliedTo}`;
  const url =
    author.kind === 'public' && author.username !== null ? `https://x.com/${author.username}/status/${tweetId}` : `https://x.com/i/web/status/${tweetId}`;

  const item: RawItem = {
    // Positional identity: append new values at the end, never reorder (ids would change).
    id: rawItemId(['twitter', externalId, time, author.author?.id ?? null, body, forwardedFrom, replyTo]),
    format: 'twitter',
    externalId,
    kind: 'post',
    channel: author.channel,
    author: author.author,
    time,
    editedTime: null,
    title: null,
    text: body,
    url,
    declaredLanguage: languageTag(lang),
    forwardedFrom,
    replyTo,
    media,
    geo,
    extra,
    origin: { file: ctx.file, sha256: ctx.sha256, location: ctx.location, offset: ctx.offset, length: ctx.length },
  };
  return {
    item,
    diagnostics,
    authorUnresolved: author.kind === 'unresolved',
    protectedAuthor: author.kind === 'protected',
    mediaUnresolved: unresolved,
    missingDate: createdAt === undefined || createdAt === null,
  };
}

/** Looks ids up in the page's includes, then in expansions written inside the tweet itself. */
class Lookup {
  private readonly inline = { users: new Map<string, Json>(), media: new Map<string, Json>(), places: new Map<string, Json>(), tweets: new Map<string, Json>(), polls: new Map<string, Json>() };

  constructor(
    private readonly includes: TwitterIncludes,
    tweet: Json,
  ) {
    this.harvest(tweet, 0);
  }

  user(id: string | null): Json | null {
    return id === null ? null : (this.includes.users.get(id) ?? this.inline.users.get(id) ?? null);
  }

  media(key: string): Json | null {
    return this.includes.media.get(key) ?? this.inline.media.get(key) ?? null;
  }

  place(id: string): Json | null {
    return this.includes.places.get(id) ?? this.inline.places.get(id) ?? null;
  }

  tweet(id: string): Json | null {
    return this.includes.tweets.get(id) ?? this.inline.tweets.get(id) ?? null;
  }

  poll(id: string): Json | null {
    return this.includes.polls.get(id) ?? this.inline.polls.get(id) ?? null;
  }

  private harvest(tweet: Json, depth: number): void {
    for (const key of ['author', 'in_reply_to_user']) {
      const user = tweet[key];
      if (isObject(user)) this.put(this.inline.users, user['id'], user);
    }
    const attachments = tweet['attachments'];
    if (isObject(attachments)) {
      if (Array.isArray(attachments['media'])) for (const m of attachments['media']) if (isObject(m)) this.put(this.inline.media, m['media_key'], m);
      const polls = Array.isArray(attachments['poll']) ? attachments['poll'] : [attachments['poll']];
      for (const p of polls) if (isObject(p)) this.put(this.inline.polls, p['id'], p);
    }
    const geo = tweet['geo'];
    if (isObject(geo) && isObject(geo['place'])) this.put(this.inline.places, geo['place']['id'], geo['place']);
    if (depth > 0 || !Array.isArray(tweet['referenced_tweets'])) return;
    for (const ref of tweet['referenced_tweets']) {
      if (!isObject(ref)) continue;
      const referenced = isObject(ref['tweet']) ? ref['tweet'] : 'text' in ref ? ref : null;
      if (referenced === null) continue;
      this.put(this.inline.tweets, referenced['id'] ?? ref['id'], referenced);
      this.harvest(referenced, depth + 1);
    }
  }

  private put(map: Map<string, Json>, id: unknown, value: Json): void {
    const key = typeof id === 'string' || typeof id === 'number' ? String(id) : null;
    if (key !== null && !map.has(key)) map.set(key, value);
  }
}

type ResolvedAuthor =
  | { kind: 'public'; user: Json; username: string | null; author: RawItem['author']; channel: RawItem['channel'] }
  | { kind: 'protected' | 'unresolved'; author: RawItem['author']; channel: RawItem['channel'] };

function resolveAuthor(authorId: string | null, lookup: Lookup, pseudonymizer: Pseudonymizer): ResolvedAuthor {
  const user = lookup.user(authorId);
  if (user !== null && user['protected'] !== true && authorId !== null) {
    const username = text(user['username']);
    return {
      kind: 'public',
      user,
      username,
      author: { id: `twitter:${authorId}`, name: text(user['name']) ?? (username === null ? null : `@${username}`), pseudonymous: false },
      channel: { id: `twitter:${authorId}`, name: username === null ? null : `@${username}`, type: 'account' },
    };
  }
  if (authorId === null) {
    return { kind: 'unresolved', author: null, channel: { id: 'twitter:unknown-author', name: null, type: null } };
  }
  // A protected account is a private person's; an account the page does not describe may be one.
  const pseudonym = pseudonymizer.pseudonym('twitter-user', authorId);
  const kind = user === null ? 'unresolved' : 'protected';
  return {
    kind,
    author: { id: pseudonym, name: pseudonym, pseudonymous: true },
    channel: { id: `twitter:${pseudonym}`, name: pseudonym, type: kind === 'protected' ? 'protected-account' : null },
  };
}

function referencedTweets(value: unknown): { type: string; id: string }[] {
  if (!Array.isArray(value)) return [];
  const out: { type: string; id: string }[] = [];
  for (const ref of value) {
    if (!isObject(ref)) continue;
    const id = idString(ref['id']);
    if (typeof ref['type'] === 'string' && id !== null) out.push({ type: ref['type'], id });
  }
  return out;
}

/** The text as posted: a long post's `note_tweet`, HTML escapes undone, t.co links expanded. */
function tweetText(tweet: Json): { text: string; entities: Json | null; long: boolean } {
  const note = isObject(tweet['note_tweet']) ? tweet['note_tweet'] : null;
  const noteText = note === null ? null : text(note['text']);
  const entities = note !== null && noteText !== null && isObject(note['entities']) ? note['entities'] : isObject(tweet['entities']) ? tweet['entities'] : null;
  const raw = noteText ?? (typeof tweet['text'] === 'string' ? tweet['text'] : '');
  return { text: expandUrls(unescapeTweet(raw), entities), entities, long: noteText !== null };
}

// The API escapes exactly these three in tweet text, as the web client's HTML did.
const TWEET_ESCAPES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>' };

function unescapeTweet(raw: string): string {
  return raw.replace(/&(amp|lt|gt);/g, (_match, name: string) => TWEET_ESCAPES[name] ?? '');
}

/**
 * t.co links replaced by the links they stand for; a link to the tweet's own photo or video
 * (an entity with a `media_key`) is dropped, as the apps hide it: the media are in `media`.
 */
function expandUrls(body: string, entities: Json | null): string {
  const urls = entities === null || !Array.isArray(entities['urls']) ? [] : entities['urls'];
  const pairs: [string, string][] = [];
  for (const entry of urls) {
    if (!isObject(entry)) continue;
    const short = text(entry['url']);
    if (short === null || !/^https?:\/\/t\.co\//i.test(short)) continue;
    const expanded = typeof entry['media_key'] === 'string' ? '' : (httpUrl(entry['unwound_url']) ?? httpUrl(entry['expanded_url']));
    if (expanded !== null) pairs.push([short, expanded]);
  }
  if (pairs.length === 0) return body;
  // Longest first, and only whole links: t.co/abc must not eat the start of t.co/abcd.
  pairs.sort((a, b) => b[0].length - a[0].length);
  let out = body;
  for (const [short, expanded] of pairs) out = replaceLink(out, short, expanded);
  return out;
}

/** Every whole occurrence of a link replaced; a dropped link takes the spaces before it along. */
function replaceLink(body: string, short: string, expanded: string): string {
  let out = '';
  let from = 0;
  for (let at = body.indexOf(short); at !== -1; at = body.indexOf(short, at + short.length)) {
    const next = body.charCodeAt(at + short.length);
    if ((next >= 0x30 && next <= 0x39) || (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a)) continue;
    let start = at;
    if (expanded === '') while (start > from && /\s/.test(body[start - 1] as string)) start--;
    out += body.slice(from, start) + expanded;
    from = at + short.length;
  }
  return out + body.slice(from);
}

function entityLists(entities: Json | null, lookup: Lookup, pseudonymizer: Pseudonymizer): Json {
  if (entities === null) return {};
  const out: Json = {};
  const hashtags = Array.isArray(entities['hashtags']) ? entities['hashtags'].flatMap((e: unknown) => (isObject(e) && typeof e['tag'] === 'string' ? [e['tag']] : [])) : [];
  if (hashtags.length > 0) out['hashtags'] = hashtags;
  const mentions = Array.isArray(entities['mentions'])
    ? entities['mentions'].flatMap((e: unknown) => {
        if (!isObject(e) || typeof e['username'] !== 'string') return [];
        // A mentioned account the page says is protected is named by its pseudonym only.
        const id = idString(e['id']);
        const user = lookup.user(id);
        return [user !== null && user['protected'] === true && id !== null ? pseudonymizer.pseudonym('twitter-user', id) : `@${e['username']}`];
      })
    : [];
  if (mentions.length > 0) out['mentions'] = mentions;
  const urls = Array.isArray(entities['urls'])
    ? entities['urls'].flatMap((e: unknown) => {
        if (!isObject(e)) return [];
        const url = httpUrl(e['unwound_url']) ?? httpUrl(e['expanded_url']);
        return url === null || typeof e['media_key'] === 'string' ? [] : [url];
      })
    : [];
  if (urls.length > 0) out['links'] = [...new Set(urls)];
  return out;
}

// Media keys start with the media type: 3 photo, 7 video, 16 animated GIF, 13 Amplify video.
const KEY_KIND: Readonly<Record<string, string>> = { '3': 'photo', '7': 'video', '13': 'video', '16': 'animation' };
const TYPE_KIND: Readonly<Record<string, string>> = { photo: 'photo', video: 'video', animated_gif: 'animation' };

function tweetMedia(tweet: Json, lookup: Lookup): { media: MediaRef[]; details: Json[]; unresolved: number } {
  const attachments = tweet['attachments'];
  const keys = isObject(attachments) && Array.isArray(attachments['media_keys']) ? attachments['media_keys'].filter((k): k is string => typeof k === 'string') : [];
  const inlineKeys =
    isObject(attachments) && Array.isArray(attachments['media'])
      ? attachments['media'].flatMap((m: unknown) => (isObject(m) && typeof m['media_key'] === 'string' ? [m['media_key']] : []))
      : [];
  const media: MediaRef[] = [];
  const details: Json[] = [];
  let unresolved = 0;
  for (const key of [...new Set([...keys, ...inlineKeys])]) {
    const entry = lookup.media(key);
    const keyKind = KEY_KIND[key.split('_')[0] ?? ''] ?? 'document';
    if (entry === null) {
      unresolved++;
      media.push({ kind: keyKind, ref: key, status: 'missing', sha256: null, mediaType: null, bytes: null, width: null, height: null });
      continue;
    }
    const kind = TYPE_KIND[typeof entry['type'] === 'string' ? entry['type'] : ''] ?? keyKind;
    const width = positiveInt(entry['width']);
    const height = positiveInt(entry['height']);
    const best = kind === 'photo' ? null : bestVariant(entry['variants']);
    const url = best?.url ?? httpUrl(entry['url']) ?? httpUrl(entry['preview_image_url']);
    if (url === null) {
      media.push({ kind, ref: key, status: 'missing', sha256: null, mediaType: null, bytes: null, width, height });
    } else {
      media.push(remoteMedia(kind, url, best?.contentType ?? null, width, height));
    }
    const detail: Json = { key };
    const alt = text(entry['alt_text']);
    if (alt !== null) detail['altText'] = alt;
    const preview = httpUrl(entry['preview_image_url']);
    if (preview !== null && preview !== url) detail['previewImageUrl'] = preview;
    if (positiveInt(entry['duration_ms']) !== null) detail['durationMs'] = entry['duration_ms'];
    if (Object.keys(detail).length > 1) details.push(detail);
  }
  return { media, details, unresolved };
}

/** The MP4 with the highest bit rate (the original upload); a stream playlist only when there is no MP4. */
function bestVariant(value: unknown): { url: string; contentType: string | null } | null {
  if (!Array.isArray(value)) return null;
  let best: { url: string; contentType: string | null; rank: number } | null = null;
  for (const variant of value) {
    if (!isObject(variant)) continue;
    const url = httpUrl(variant['url']);
    if (url === null) continue;
    const contentType = text(variant['content_type']);
    const bitRate = typeof variant['bit_rate'] === 'number' && variant['bit_rate'] >= 0 ? variant['bit_rate'] : 0;
    const rank = (contentType === 'video/mp4' ? 1e12 : 0) + bitRate;
    if (best === null || rank > best.rank) best = { url, contentType, rank };
  }
  return best === null ? null : { url: best.url, contentType: best.contentType };
}

function tweetGeo(tweet: Json, lookup: Lookup, report: Report): { geo: RawItem['geo']; place: Json | null; precision: string | null } {
  const geoField = tweet['geo'];
  if (!isObject(geoField)) return { geo: null, place: null, precision: null };
  let geo: RawItem['geo'] = null;
  let precision: string | null = null;
  const coordinates = geoField['coordinates'];
  if (coordinates !== undefined) {
    const pair = isObject(coordinates) && Array.isArray(coordinates['coordinates']) ? coordinates['coordinates'] : null;
    // GeoJSON order: longitude first.
    const point = pair !== null && pair.length === 2 ? validGeo(pair[1], pair[0]) : null;
    if (point !== null) {
      geo = point;
      precision = 'point';
    } else report('twitter/invalid-geo', 'warning', `"geo.coordinates" is not a GeoJSON point [longitude, latitude] in range, found ${JSON.stringify(coordinates).slice(0, 80)}`);
  }
  const placeId = idString(geoField['place_id']) ?? (isObject(geoField['place']) ? idString(geoField['place']['id']) : null);
  if (placeId === null) return { geo, place: null, precision };
  const entry = lookup.place(placeId);
  const place: Json = { id: placeId };
  if (entry !== null) {
    for (const [from, to] of [['full_name', 'fullName'], ['name', 'name'], ['country', 'country'], ['country_code', 'countryCode'], ['place_type', 'placeType']] as const) {
      const value = text(entry[from]);
      if (value !== null) place[to] = value;
    }
    const bbox = isObject(entry['geo']) ? entry['geo']['bbox'] : undefined;
    if (Array.isArray(bbox) && bbox.length === 4 && bbox.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      const [west, south, east, north] = bbox as [number, number, number, number];
      place['bbox'] = [west, south, east, north];
      if (geo === null) {
        // A box across the antimeridian has west > east.
        const lon = west <= east ? (west + east) / 2 : ((west + east + 360) / 2 + 180) % 360 - 180;
        // Six decimals (about 10 cm) is all a box's centre can claim, and it keeps the number readable.
        const centroid = validGeo(round6((south + north) / 2), round6(lon));
        if (centroid !== null && Math.abs(south) <= 90 && Math.abs(north) <= 90 && south <= north) {
          geo = centroid;
          precision = 'place-centroid';
        } else report('twitter/invalid-geo', 'warning', `the bounding box of place ${placeId} is not [west, south, east, north] in range`);
      }
    }
  }
  return { geo, place, precision };
}

function tweetPoll(tweet: Json, lookup: Lookup): Json | null {
  const attachments = tweet['attachments'];
  const ids = isObject(attachments) && Array.isArray(attachments['poll_ids']) ? attachments['poll_ids'] : [];
  const inline = isObject(attachments) && isObject(attachments['poll']) ? idString(attachments['poll']['id']) : null;
  const id = idString(ids[0]) ?? inline;
  if (id === null) return null;
  const poll = lookup.poll(id);
  if (poll === null) return { id };
  const options = Array.isArray(poll['options'])
    ? poll['options'].flatMap((o: unknown) => (isObject(o) && typeof o['label'] === 'string' ? [{ label: o['label'], votes: typeof o['votes'] === 'number' ? o['votes'] : null }] : []))
    : [];
  const out: Json = { id, options };
  if (typeof poll['voting_status'] === 'string') out['votingStatus'] = poll['voting_status'];
  if (typeof poll['end_datetime'] === 'string') out['endTime'] = isoInstant(poll['end_datetime']);
  return out;
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
