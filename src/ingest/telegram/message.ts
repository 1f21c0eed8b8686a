import { DateTime } from 'luxon';
import {
  diagnostic,
  rawItemId,
  type Diagnostic,
  type MediaRef,
  type Pseudonymizer,
  type RawItem,
} from '../../model/index.js';

/** What the parser knows of the chat a message belongs to. */
export interface TelegramChat {
  id: string | null;
  name: string | null;
  type: string | null;
}

export interface MessageContext {
  readonly chat: TelegramChat;
  readonly file: string;
  readonly sha256: string | null;
  readonly pointer: string;
  readonly offset: number;
  readonly length: number;
  readonly timezone: string;
  readonly pseudonymizer: Pseudonymizer;
}

/**
 * What Telegram Desktop writes instead of a path when media was left out of the export: by the
 * export settings, over the size limit, or not downloadable at the time.
 */
const NOT_INCLUDED = /^\(File (?:not included|exceeds maximum size|unavailable)\b/;
/** `from_id`/`actor_id` of individual accounts; channels are `channel…`, groups `chat…`. */
const PERSON_ID = /^user\d+$/;

type Json = Record<string, unknown>;

const DIGITS = /^\d+$/;

/** 9999-12-31T23:59:59Z: ISO 8601 without an expanded year. */
const LAST_FOUR_DIGIT_YEAR_SECOND = 253_402_300_799;

/**
 * Turn one message object of a Telegram Desktop export into a RawItem, with a diagnostic for
 * each field that is present but unusable. Returns null (plus diagnostics) only when the
 * record is not a message at all.
 */
export function telegramMessage(value: unknown, ctx: MessageContext): { item: RawItem | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (ruleId: string, severity: 'error' | 'warning' | 'info', message: string): void => {
    diagnostics.push(diagnostic(ruleId, severity, message, ctx.file, ctx.pointer));
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    report('telegram/not-a-message', 'error', `a message must be an object, found ${describe(value)}`);
    return { item: null, diagnostics };
  }
  const m = value as Json;
  const messageId = m['id'];
  if (typeof messageId !== 'number' || !Number.isSafeInteger(messageId)) {
    report('telegram/invalid-id', 'error', `message "id" must be an integer, found ${describe(messageId)}; record skipped`);
    return { item: null, diagnostics };
  }
  const kind = m['type'] === 'service' ? 'service' : 'message';
  if (m['type'] !== 'message' && m['type'] !== 'service') {
    report('telegram/unknown-type', 'warning', `message type ${describe(m['type'])} is not "message" or "service"; read as a message`);
  }

  const time = readInstant(m, 'date', 'date_unixtime', ctx, report);
  const editedTime = 'edited_unixtime' in m || 'edited' in m ? readInstant(m, 'edited', 'edited_unixtime', ctx, report) : null;

  const text = readText(m['text'], report);
  const entities = readEntities(m['text_entities'], report);

  const fromId = stringField(m, kind === 'service' ? 'actor_id' : 'from_id', report);
  const fromName = nullableString(m[kind === 'service' ? 'actor' : 'from']);
  const author = readAuthor(fromId, fromName, ctx.pseudonymizer);

  const forwardedFromId = stringField(m, 'forwarded_from_id', report);
  let forwardedFrom = nullableString(m['forwarded_from']) ?? nullableString(m['saved_from']);
  if (forwardedFrom !== null && forwardedFromId !== null && PERSON_ID.test(forwardedFromId)) {
    forwardedFrom = ctx.pseudonymizer.pseudonym('telegram-user', forwardedFromId);
  }

  const replyId = m['reply_to_message_id'];
  let replyTo: string | null = null;
  if (replyId !== undefined) {
    if (typeof replyId === 'number' && Number.isSafeInteger(replyId)) replyTo = `telegram:${ctx.chat.id ?? 'unknown'}/${replyId}`;
    else report('telegram/invalid-reply', 'warning', `"reply_to_message_id" must be an integer, found ${describe(replyId)}`);
  }

  const media = readMedia(m, report);
  const geo = readGeo(m['location_information'], report);

  const extra: Record<string, unknown> = {};
  if (entities.length > 0) extra['entities'] = entities;
  const poll = readPoll(m['poll'], report);
  if (poll !== null) extra['poll'] = poll;
  if (kind === 'service') {
    const action = nullableString(m['action']);
    if (action !== null) extra['action'] = action;
    for (const key of ['title', 'message_id', 'duration_seconds'] as const) if (m[key] !== undefined) extra[key] = m[key];
    const members = m['members'];
    if (Array.isArray(members)) extra['members'] = members.map((member) => (typeof member === 'string' ? ctx.pseudonymizer.pseudonym('telegram-member', member) : null));
    const inviter = nullableString(m['inviter']);
    if (inviter !== null) extra['inviter'] = ctx.pseudonymizer.pseudonym('telegram-member', inviter);
  }
  for (const key of ['author', 'via_bot', 'media_type', 'sticker_emoji', 'duration_seconds', 'place_name', 'address'] as const) {
    if (kind === 'message' && typeof m[key] === 'string') extra[key] = m[key];
  }
  if (m['contact_information'] !== undefined) {
    // A shared contact is a private person's phone number: never copied out of the vault.
    extra['contact'] = 'redacted';
  }
  if (Array.isArray(m['reactions'])) extra['reactions'] = m['reactions'];
  if (forwardedFromId !== null && !PERSON_ID.test(forwardedFromId)) extra['forwardedFromId'] = forwardedFromId;

  const pollQuestion = poll?.question ?? null;
  const bodyText = text === '' && pollQuestion !== null ? pollQuestion : text;
  const chatId = ctx.chat.id ?? ctx.chat.name ?? 'unknown';

  // Positional identity: append new fields at the end, never reorder (ids would change).
  const id = rawItemId([
    'telegram',
    chatId,
    messageId,
    kind,
    time,
    editedTime,
    fromId,
    bodyText,
    media.map((ref) => ref.kind),
    forwardedFrom,
    replyTo,
    geo,
    pollQuestion,
    extra['action'] ?? null,
  ]);

  const item: RawItem = {
    id,
    format: 'telegram',
    externalId: `telegram:${chatId}/${messageId}`,
    kind,
    channel: { id: `telegram:${chatId}`, name: ctx.chat.name, type: ctx.chat.type },
    author,
    time,
    editedTime,
    title: null,
    text: bodyText,
    url: null,
    declaredLanguage: null,
    forwardedFrom,
    replyTo,
    media,
    geo,
    extra,
    origin: { file: ctx.file, sha256: ctx.sha256, location: ctx.pointer, offset: ctx.offset, length: ctx.length },
  };
  return { item, diagnostics };
}

type Report = (ruleId: string, severity: 'error' | 'warning' | 'info', message: string) => void;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const shown = JSON.stringify(value);
  return `${typeof value} ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}`;
}

function nullableString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function stringField(m: Json, key: string, report: Report): string | null {
  const value = m[key];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  report('telegram/invalid-field', 'warning', `"${key}" must be a string, found ${describe(value)}`);
  return null;
}

/**
 * `date_unixtime` is the instant; `date` is the exporting computer's local time with no offset.
 * Only when the former is missing do we fall back to the latter, read in the case's timezone.
 */
function readInstant(m: Json, localKey: string, unixKey: string, ctx: MessageContext, report: Report): string | null {
  const unix = m[unixKey];
  if (unix !== undefined) {
    // `+unix` accepts "1e3", " 12", "0x1F": require plain digits.
    const seconds = typeof unix === 'string' ? (unix.length <= 12 && DIGITS.test(unix) ? +unix : NaN) : typeof unix === 'number' && Number.isInteger(unix) ? unix : NaN;
    if (seconds >= 0 && seconds <= LAST_FOUR_DIGIT_YEAR_SECOND) return isoFromUnixSeconds(seconds);
    report('telegram/invalid-date', 'warning', `"${unixKey}" ${describe(unix)} is not a Unix time`);
  }
  const local = m[localKey];
  if (local === undefined) {
    if (unix === undefined && localKey === 'date') report('telegram/missing-date', 'warning', 'the message has no date');
    return null;
  }
  const parsed = typeof local === 'string' ? DateTime.fromISO(local, { zone: ctx.timezone }) : null;
  if (parsed === null || !parsed.isValid) {
    report('telegram/invalid-date', 'warning', `"${localKey}" ${describe(local)} is not a date`);
    return null;
  }
  if (unix === undefined) {
    report('telegram/date-without-offset', 'info', `no "${unixKey}"; "${localKey}" read as ${ctx.timezone} local time`);
  }
  return parsed.toUTC().toISO({ suppressMilliseconds: true });
}

/**
 * UTC ISO 8601 from Unix seconds by calendar arithmetic (Hinnant's days-from-civil inverse):
 * several times faster than `new Date().toISOString()`, which matters at a million messages.
 */
export function isoFromUnixSeconds(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const secondOfDay = seconds - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor((secondOfDay % 3600) / 60);
  const second = secondOfDay % 60;
  return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}Z`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `text` is a string, or a list of strings and entity objects whose `text` joins up. */
function readText(value: unknown, report: Report): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  if (!Array.isArray(value)) {
    report('telegram/invalid-text', 'warning', `"text" must be a string or a list, found ${describe(value)}`);
    return '';
  }
  let out = '';
  let bad = 0;
  for (const piece of value) {
    if (typeof piece === 'string') out += piece;
    else if (typeof piece === 'object' && piece !== null && typeof (piece as Json)['text'] === 'string') out += (piece as Json)['text'] as string;
    else bad++;
  }
  if (bad > 0) report('telegram/invalid-text', 'warning', `${bad} part${bad === 1 ? '' : 's'} of "text" had no text`);
  return out;
}

interface Entity {
  type: string;
  text: string;
  href?: string;
}

/** Links, hashtags and mentions are kept; plain and style entities carry nothing new. */
const KEPT_ENTITIES = new Set(['link', 'text_link', 'mention', 'mention_name', 'hashtag', 'cashtag', 'email', 'phone', 'bot_command']);

function readEntities(value: unknown, report: Report): Entity[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    report('telegram/invalid-entities', 'warning', `"text_entities" must be a list, found ${describe(value)}`);
    return [];
  }
  const out: Entity[] = [];
  for (const entity of value) {
    if (typeof entity !== 'object' || entity === null) continue;
    const { type, text, href } = entity as Json;
    if (typeof type !== 'string' || typeof text !== 'string' || !KEPT_ENTITIES.has(type)) continue;
    // A phone number in a message is personal data: the type is kept, the number is not.
    if (type === 'phone') out.push({ type, text: 'redacted' });
    else out.push(typeof href === 'string' ? { type, text, href } : { type, text });
  }
  return out;
}

function readAuthor(fromId: string | null, fromName: string | null, pseudonymizer: Pseudonymizer): RawItem['author'] {
  if (fromId === null && fromName === null) return null;
  if (fromId !== null && !PERSON_ID.test(fromId)) return { id: `telegram:${fromId}`, name: fromName, pseudonymous: false };
  // Individual accounts are private persons: only a salted pseudonym leaves the vault.
  const key = fromId ?? `name:${fromName ?? ''}`;
  const pseudonym = pseudonymizer.pseudonym('telegram-user', key);
  return { id: pseudonym, name: pseudonym, pseudonymous: true };
}

const MEDIA_KEYS = [
  ['photo', 'photo'],
  ['file', 'document'],
] as const;

function readMedia(m: Json, report: Report): MediaRef[] {
  const media: MediaRef[] = [];
  for (const [key, defaultKind] of MEDIA_KEYS) {
    const ref = m[key];
    if (ref === undefined) continue;
    if (typeof ref !== 'string' || ref === '') {
      report('telegram/invalid-media', 'warning', `"${key}" must be a path, found ${describe(ref)}`);
      continue;
    }
    const kind = key === 'photo' ? 'photo' : (nullableString(m['media_type']) ?? defaultKind).replace(/_file$/, '');
    const bytes = positiveInt(m[key === 'photo' ? 'photo_file_size' : 'file_size']);
    media.push({
      kind,
      ref,
      status: NOT_INCLUDED.test(ref) ? 'not-included' : 'pending',
      sha256: null,
      mediaType: key === 'photo' ? null : nullableString(m['mime_type']),
      bytes: bytes === null ? null : bytes,
      width: positiveInt(m['width']),
      height: positiveInt(m['height']),
    });
  }
  return media;
}

function positiveInt(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

function readGeo(value: unknown, report: Report): RawItem['geo'] {
  if (value === undefined) return null;
  const lat = typeof value === 'object' && value !== null ? (value as Json)['latitude'] : undefined;
  const lon = typeof value === 'object' && value !== null ? (value as Json)['longitude'] : undefined;
  if (typeof lat === 'number' && typeof lon === 'number' && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) return { lat, lon };
  report('telegram/invalid-geo', 'warning', `"location_information" must hold a latitude and longitude in range, found ${JSON.stringify(value).slice(0, 80)}`);
  return null;
}

interface Poll {
  question: string;
  closed: boolean | null;
  totalVoters: number | null;
  answers: { text: string; voters: number | null }[];
}

function readPoll(value: unknown, report: Report): Poll | null {
  if (value === undefined) return null;
  if (typeof value !== 'object' || value === null || typeof (value as Json)['question'] !== 'string') {
    report('telegram/invalid-poll', 'warning', `"poll" must have a question, found ${describe(value)}`);
    return null;
  }
  const p = value as Json;
  const answers = Array.isArray(p['answers'])
    ? p['answers'].flatMap((a: unknown) => {
        if (typeof a !== 'object' || a === null || typeof (a as Json)['text'] !== 'string') return [];
        const voters = (a as Json)['voters'];
        return [{ text: (a as Json)['text'] as string, voters: typeof voters === 'number' ? voters : null }];
      })
    : [];
  return {
    question: p['question'] as string,
    closed: typeof p['closed'] === 'boolean' ? p['closed'] : null,
    totalVoters: typeof p['total_voters'] === 'number' ? p['total_voters'] : null,
    answers,
  };
}
