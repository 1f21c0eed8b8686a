import { diagnostic, rawItemId, type Diagnostic, type MediaRef, type Pseudonymizer, type RawItem, type Severity } from '../../model/index.js';
import { htmlToText } from '../feed/index.js';
import { describe, httpUrl, idString, isObject, isoInstant, languageTag, positiveInt, remoteMedia, text, type Json } from './common.js';

export interface StatusContext {
  readonly file: string;
  readonly sha256: string | null;
  readonly location: string;
  readonly offset: number | null;
  readonly length: number | null;
  readonly pseudonymizer: Pseudonymizer;
}

type Report = (ruleId: string, severity: Severity, message: string) => void;

// Mastodon's visibilities: only these two can be read by anyone without an account's consent.
const PUBLIC_VISIBILITY = new Set(['public', 'unlisted']);
const MEDIA_KIND: Readonly<Record<string, string>> = { image: 'photo', video: 'video', gifv: 'animation', audio: 'audio' };
/** `https://host/users/name/statuses/123`: the ActivityPub id Mastodon gives its own statuses. */
const LOCAL_STATUS_URI = /^(https?:\/\/[^/]+\/users\/[^/]+\/statuses\/)(\d+)$/;

/**
 * One Mastodon API Status entity (as `/api/v1/accounts/:id/statuses` and the timelines return it)
 * as a RawItem. A boost becomes an item with the boosted status's text and media, forwarded from
 * its author; a followers-only or direct status keeps its text but not who wrote it.
 */
export function statusToItem(value: unknown, ctx: StatusContext): { item: RawItem | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (ruleId, severity, message) => {
    diagnostics.push(diagnostic(ruleId, severity, message, ctx.file, ctx.location));
  };
  if (!isObject(value)) {
    report('mastodon/invalid-status', 'error', `a status must be an object, found ${describe(value)}; skipped`);
    return { item: null, diagnostics };
  }
  const status = value;
  const statusId = idString(status['id']);
  if (statusId === null) {
    report('mastodon/invalid-status', 'error', `a status's "id" must be a string of digits, found ${describe(status['id'])}; skipped`);
    return { item: null, diagnostics };
  }
  if (!isObject(status['account'])) {
    report('mastodon/invalid-status', 'error', `status ${statusId} has no "account" object; skipped`);
    return { item: null, diagnostics };
  }
  const account = status['account'];
  const acct = fullAcct(account);
  const visibility = typeof status['visibility'] === 'string' ? status['visibility'] : 'public';
  const isPublic = PUBLIC_VISIBILITY.has(visibility);

  const reblog = isObject(status['reblog']) ? status['reblog'] : null;
  const source = reblog ?? status;
  const time = readTime(status, 'created_at', report);
  const editedTime = status['edited_at'] === undefined || status['edited_at'] === null ? null : readTime(status, 'edited_at', report);

  const content = typeof source['content'] === 'string' ? source['content'] : '';
  if (source['content'] !== undefined && typeof source['content'] !== 'string') {
    report('mastodon/invalid-field', 'warning', `"content" must be a string of HTML, found ${describe(source['content'])}`);
  }
  const body = htmlToText(content).text;
  const title = text(source['spoiler_text'])?.trim() ?? null;

  const extra: Json = { statusId, visibility };
  let author: RawItem['author'];
  let channel: RawItem['channel'];
  let externalId: string;
  let url: string | null;
  let replyTo: string | null = null;
  const inReplyToId = idString(status['in_reply_to_id']);
  if (inReplyToId !== null) extra['inReplyToId'] = inReplyToId;

  if (isPublic) {
    const id = acct === null ? `mastodon:unknown-account` : `mastodon:${acct}`;
    channel = { id, name: acct === null ? null : `@${acct}`, type: account['bot'] === true ? 'bot' : 'account' };
    author = { id, name: text(account['display_name']) ?? text(account['username']) ?? (acct === null ? null : `@${acct}`), pseudonymous: false };
    externalId = text(status['uri']) ?? httpUrl(status['url']) ?? `mastodon:status/${statusId}`;
    url = httpUrl(status['url']);
    replyTo = replyUri(status, statusId, inReplyToId);
    if (account['bot'] === true) extra['authorBot'] = true;
    if (account['locked'] === true) extra['authorLocked'] = true;
  } else {
    // A followers-only or direct status: the people in it did not publish; only pseudonyms leave the vault.
    const pseudonym = ctx.pseudonymizer.pseudonym('mastodon-account', acct ?? `id:${idString(account['id']) ?? ''}`);
    channel = { id: `mastodon:${pseudonym}`, name: pseudonym, type: 'private-account' };
    author = { id: pseudonym, name: pseudonym, pseudonymous: true };
    externalId = `mastodon:${pseudonym}/${statusId}`;
    url = null;
    report(
      'mastodon/non-public-status',
      'warning',
      `status ${statusId} is "${visibility}", not public: its author and mentions are pseudonymised and its links left out`,
    );
  }

  let forwardedFrom: string | null = null;
  if (reblog !== null) {
    const original = isObject(reblog['account']) ? fullAcct(reblog['account']) : null;
    forwardedFrom = original === null ? null : `@${original}`;
    const reblogUri = text(reblog['uri']);
    if (reblogUri !== null) extra['reblogOf'] = reblogUri;
    const originalUrl = httpUrl(reblog['url']);
    if (originalUrl !== null) extra['originalUrl'] = originalUrl;
    const originalTime = typeof reblog['created_at'] === 'string' ? isoInstant(reblog['created_at']) : null;
    if (originalTime !== null) extra['originalTime'] = originalTime;
  }

  const { media, details } = statusMedia(source['media_attachments'], report);
  if (details.length > 0) extra['mediaDetails'] = details;
  const hashtags = Array.isArray(source['tags']) ? source['tags'].flatMap((t: unknown) => (isObject(t) && typeof t['name'] === 'string' ? [`#${t['name']}`] : [])) : [];
  if (hashtags.length > 0) extra['hashtags'] = hashtags;
  const mentions = Array.isArray(source['mentions'])
    ? source['mentions'].flatMap((m: unknown) => {
        if (!isObject(m)) return [];
        const mentioned = fullAcct(m);
        if (mentioned === null) return [];
        return [isPublic ? `@${mentioned}` : ctx.pseudonymizer.pseudonym('mastodon-account', mentioned)];
      })
    : [];
  if (mentions.length > 0) extra['mentions'] = mentions;
  const poll = statusPoll(source['poll']);
  if (poll !== null) extra['poll'] = poll;
  const card = isObject(source['card']) ? source['card'] : null;
  if (card !== null && isPublic) {
    const cardUrl = httpUrl(card['url']);
    if (cardUrl !== null) extra['card'] = { url: cardUrl, title: text(card['title']), description: text(card['description']), provider: text(card['provider_name']) };
  }
  if (typeof source['sensitive'] === 'boolean' && source['sensitive']) extra['sensitive'] = true;

  const item: RawItem = {
    // Positional identity: append new values at the end, never reorder (ids would change).
    id: rawItemId(['mastodon', externalId, time, editedTime, author.id, title, body, forwardedFrom, replyTo]),
    format: 'mastodon',
    externalId,
    kind: 'post',
    channel,
    author,
    time,
    editedTime,
    title: title === '' ? null : title,
    text: body,
    url,
    declaredLanguage: languageTag(source['language']),
    forwardedFrom,
    replyTo,
    media,
    geo: null,
    extra,
    origin: { file: ctx.file, sha256: ctx.sha256, location: ctx.location, offset: ctx.offset, length: ctx.length },
  };
  return { item, diagnostics };
}

/**
 * `user@host`: `acct` is bare for accounts of the server that answered the query, so the host
 * comes from the profile URL then.
 */
function fullAcct(account: Json): string | null {
  const acct = text(account['acct']) ?? text(account['username']);
  if (acct === null) return null;
  if (acct.includes('@')) return acct.replace(/^@/, '');
  const profile = httpUrl(account['url']);
  return profile === null ? acct : `${acct}@${new URL(profile).host}`;
}

/**
 * The replied-to status's URI, when it can be known from this status alone: a reply to the same
 * author's status on the same server (a thread) has the same URI with the other id. The local id
 * of any other parent means nothing outside the server that answered; it stays in extra.
 */
function replyUri(status: Json, statusId: string, inReplyToId: string | null): string | null {
  if (inReplyToId === null || !isObject(status['account'])) return null;
  const sameAuthor = idString(status['in_reply_to_account_id']) !== null && idString(status['in_reply_to_account_id']) === idString(status['account']['id']);
  const uri = text(status['uri']);
  const match = uri === null ? null : LOCAL_STATUS_URI.exec(uri);
  if (!sameAuthor || match?.[1] === undefined || match[2] !== statusId) return null;
  return `${match[1]}${inReplyToId}`;
}

function readTime(status: Json, key: string, report: Report): string | null {
  const value = status[key];
  if (value === undefined || value === null) {
    if (key === 'created_at') report('mastodon/invalid-date', 'warning', 'the status has no "created_at"; it has no time');
    return null;
  }
  const iso = typeof value === 'string' ? isoInstant(value) : null;
  if (iso === null) report('mastodon/invalid-date', 'warning', `"${key}" ${describe(value)} is not an ISO 8601 time with an offset`);
  return iso;
}

function statusMedia(value: unknown, report: Report): { media: MediaRef[]; details: Json[] } {
  const media: MediaRef[] = [];
  const details: Json[] = [];
  if (value === undefined || value === null) return { media, details };
  if (!Array.isArray(value)) {
    report('mastodon/invalid-media', 'warning', `"media_attachments" must be a list, found ${describe(value)}`);
    return { media, details };
  }
  for (const attachment of value) {
    if (!isObject(attachment)) {
      report('mastodon/invalid-media', 'warning', `a media attachment must be an object, found ${describe(attachment)}`);
      continue;
    }
    const kind = MEDIA_KIND[typeof attachment['type'] === 'string' ? attachment['type'] : ''] ?? 'document';
    const meta = isObject(attachment['meta']) && isObject(attachment['meta']['original']) ? attachment['meta']['original'] : {};
    const width = positiveInt(meta['width']);
    const height = positiveInt(meta['height']);
    // `url` is this server's copy; a remote file not yet fetched has only `remote_url`.
    const url = httpUrl(attachment['url']) ?? httpUrl(attachment['remote_url']);
    if (url === null) {
      const ref = idString(attachment['id']) ?? 'unknown';
      media.push({ kind, ref: `mastodon-media:${ref}`, status: 'missing', sha256: null, mediaType: null, bytes: null, width, height });
    } else media.push(remoteMedia(kind, url, null, width, height));
    const detail: Json = {};
    const description = text(attachment['description']);
    if (description !== null) detail['description'] = description;
    const preview = httpUrl(attachment['preview_url']);
    if (preview !== null && preview !== url) detail['previewUrl'] = preview;
    const remote = httpUrl(attachment['remote_url']);
    if (remote !== null && remote !== url) detail['remoteUrl'] = remote;
    if (Object.keys(detail).length > 0) details.push({ ref: (media[media.length - 1] as MediaRef).ref, ...detail });
  }
  return { media, details };
}

function statusPoll(value: unknown): Json | null {
  if (!isObject(value)) return null;
  const options = Array.isArray(value['options'])
    ? value['options'].flatMap((o: unknown) =>
        isObject(o) && typeof o['title'] === 'string' ? [{ title: o['title'], votes: typeof o['votes_count'] === 'number' ? o['votes_count'] : null }] : [],
      )
    : [];
  const out: Json = { options };
  if (typeof value['expires_at'] === 'string') out['expiresAt'] = isoInstant(value['expires_at']);
  if (typeof value['expired'] === 'boolean') out['expired'] = value['expired'];
  if (typeof value['multiple'] === 'boolean') out['multiple'] = value['multiple'];
  if (typeof value['votes_count'] === 'number') out['votesCount'] = value['votes_count'];
  return out;
}
