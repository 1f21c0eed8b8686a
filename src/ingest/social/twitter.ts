import { diagnostic, type Diagnostic, type RawItem, type Severity } from '../../model/index.js';
import type { IngestAdapter, ParseInput, ParseOutput } from '../adapter.js';
import type { JsonPath, ScanMode, ValueKind } from '../json-scanner.js';
import { describe, isObject, jsonLocation, text, type Json } from './common.js';
import { JsonDocuments, type DocumentEvent } from './json-documents.js';
import { tweetToItem } from './tweet.js';

/**
 * X/Twitter API v2 responses: one page (`{data, includes, meta, errors}`), a JSON Lines file of
 * pages as paging scripts write them, concatenated pages, a bare array of tweets, or tweets one per
 * line with their expansions inline (twarc's flattened form).
 */
export const twitterAdapter: IngestAdapter = {
  format: 'twitter',
  detect: detectTwitter,
  parse: parseTwitter,
};

const INCLUDE_KINDS = new Set(['users', 'media', 'places', 'tweets', 'polls']);
const MAX_VALUE_BYTES = 64 * 1024 * 1024;
/**
 * Tweets held while a page's `includes` has not been read yet. The API sends at most 100 (500
 * for full-archive search) per page, so only a hand-merged page ever comes near.
 */
const MAX_PENDING_TWEETS = 10_000;
const MAX_PENDING_BYTES = 64 * 1024 * 1024;
const MAX_INCLUDES_BYTES = 128 * 1024 * 1024;

export function classifyTwitterPath(path: JsonPath, kind: ValueKind): ScanMode {
  const depth = path.length;
  const descendable = kind === 'object' || kind === 'array';
  if (depth === 0) return descendable ? 'descend' : 'capture';
  const first = path[0];
  // A bare array of tweets.
  if (typeof first === 'number') return depth === 1 ? 'capture' : 'skip';
  if (depth === 1) {
    if (first === 'data' || first === 'errors') return kind === 'array' ? 'descend' : 'capture';
    if (first === 'includes') return kind === 'object' ? 'descend' : 'capture';
    // Everything else at the top: `meta`, an error response's `title`/`detail`, or a flattened tweet's fields.
    return 'capture';
  }
  if (depth === 2) {
    if (first === 'data' || first === 'errors') return 'capture';
    if (first === 'includes') return kind === 'array' && INCLUDE_KINDS.has(path[1] as string) ? 'descend' : 'skip';
  }
  if (depth === 3 && first === 'includes' && typeof path[2] === 'number') return 'capture';
  return 'skip';
}

interface PendingTweet {
  readonly value: unknown;
  readonly location: string;
  readonly offset: number | null;
  readonly length: number | null;
}

interface Page {
  readonly doc: number;
  readonly line: number;
  root: 'object' | 'array' | 'other' | null;
  readonly includes: { users: Map<string, Json>; media: Map<string, Json>; places: Map<string, Json>; tweets: Map<string, Json>; polls: Map<string, Json> };
  includesBytes: number;
  includesDone: boolean;
  /** Tweets read before the page's `includes`, held until it is read. */
  pending: PendingTweet[];
  pendingBytes: number;
  /** Held tweets went out unresolved because too many were held: the rest go out at once too. */
  overflowed: boolean;
  readonly fields: Map<string, unknown>;
  tweets: number;
  errors: number;
  damaged: boolean;
}

export async function* parseTwitter(input: ParseInput): ParseOutput {
  const reader = new JsonDocuments({ classify: classifyTwitterPath, maxValueBytes: MAX_VALUE_BYTES });
  const report = (ruleId: string, severity: Severity, message: string, location: string): Diagnostic =>
    diagnostic(ruleId, severity, message, input.file, location);
  const totals: { authorUnresolved: number; protectedAuthor: number; mediaUnresolved: number; documents: number; missingDateAt: string | null } = {
    authorUnresolved: 0,
    protectedAuthor: 0,
    mediaUnresolved: 0,
    documents: 0,
    missingDateAt: null,
  };
  let page: Page | null = null;
  const out: (RawItem | Diagnostic)[] = [];

  const emitTweet = (p: Page, tweet: PendingTweet): void => {
    const result = tweetToItem(tweet.value, {
      includes: p.includes,
      file: input.file,
      sha256: input.sha256,
      location: tweet.location,
      offset: tweet.offset,
      length: tweet.length,
      pseudonymizer: input.pseudonymizer,
    });
    out.push(...result.diagnostics);
    if (result.item === null) return;
    if (result.authorUnresolved) totals.authorUnresolved++;
    if (result.protectedAuthor) totals.protectedAuthor++;
    totals.mediaUnresolved += result.mediaUnresolved;
    if (result.missingDate) totals.missingDateAt ??= tweet.location;
    out.push(result.item);
  };

  const flush = (p: Page): void => {
    for (const tweet of p.pending) emitTweet(p, tweet);
    p.pending = [];
    p.pendingBytes = 0;
  };

  const readTweet = (p: Page, tweet: PendingTweet): void => {
    p.tweets++;
    if (p.root !== 'object' || p.includesDone || p.overflowed) {
      emitTweet(p, tweet);
      return;
    }
    p.pending.push(tweet);
    p.pendingBytes += tweet.length ?? 0;
    if (p.pending.length > MAX_PENDING_TWEETS || p.pendingBytes > MAX_PENDING_BYTES) {
      p.overflowed = true;
      out.push(
        report(
          'twitter/includes-after-data',
          'warning',
          `more than ${MAX_PENDING_TWEETS} tweets (or ${MAX_PENDING_BYTES / 1024 / 1024} MiB) come before this page's "includes"; the rest of the page is read without it (authors pseudonymised, media unresolved)`,
          tweet.location,
        ),
      );
      flush(p);
    }
  };

  const readInclude = (p: Page, path: JsonPath, value: unknown, length: number, location: string): void => {
    const kind = path[1] as keyof Page['includes'];
    if (!isObject(value)) {
      out.push(report('twitter/invalid-include', 'warning', `an entry of "includes.${kind}" must be an object, found ${describe(value)}`, location));
      return;
    }
    if (p.includesBytes > MAX_INCLUDES_BYTES) return;
    p.includesBytes += length;
    if (p.includesBytes > MAX_INCLUDES_BYTES) {
      out.push(report('twitter/includes-too-large', 'warning', `this page's "includes" is larger than ${MAX_INCLUDES_BYTES / 1024 / 1024} MiB; the rest of it was not read`, location));
      return;
    }
    const key = kind === 'media' ? value['media_key'] : value['id'];
    if (typeof key === 'string' || typeof key === 'number') {
      const map = p.includes[kind];
      if (!map.has(String(key))) map.set(String(key), value);
    }
  };

  const readError = (value: unknown, location: string): void => {
    if (!isObject(value)) {
      out.push(report('twitter/api-error', 'warning', `the API reported a problem: ${describe(value)}`, location));
      return;
    }
    const title = text(value['title']) ?? 'Error';
    const detail = text(value['detail']) ?? text(value['message']) ?? '';
    const resource = text(value['resource_type']);
    const id = text(value['resource_id']) ?? text(value['value']);
    const what = resource === null ? '' : ` for ${resource}${id === null ? '' : ` ${id}`}`;
    out.push(report('twitter/api-error', 'warning', `the API returned no data${what}: ${title}${detail === '' ? '' : ` — ${detail}`}`, location));
  };

  const finishPage = (p: Page): void => {
    flush(p);
    if (p.root !== 'object' || p.damaged) return;
    const location = jsonLocation(p.doc, p.line, []);
    const fields = Object.fromEntries(p.fields);
    if (p.tweets === 0 && 'id' in fields && ('text' in fields || 'edit_history_tweet_ids' in fields)) {
      // A flattened tweet on its own line.
      emitTweet(p, { value: fields, location, offset: null, length: null });
      return;
    }
    if (p.tweets > 0 || p.errors > 0) return;
    if (typeof fields['title'] === 'string' || typeof fields['detail'] === 'string') {
      const status = typeof fields['status'] === 'number' ? ` (HTTP ${fields['status']})` : '';
      out.push(report('twitter/api-error', 'error', `the file holds an API error${status}, not tweets: ${text(fields['title']) ?? ''}${typeof fields['detail'] === 'string' ? ` — ${fields['detail']}` : ''}`, location));
    } else if (isObject(fields['meta']) && fields['meta']['result_count'] === 0) {
      out.push(report('twitter/empty-page', 'info', 'this page has no tweets ("meta.result_count" is 0)', location));
    } else {
      out.push(report('twitter/not-a-response', 'error', 'not an X/Twitter API v2 response: no "data" list of tweets', location));
    }
  };

  const handle = (event: DocumentEvent): void => {
    switch (event.type) {
      case 'start':
        totals.documents++;
        page = newPage(event.doc, event.line);
        return;
      case 'end':
        if (page !== null) finishPage(page);
        page = null;
        return;
      case 'invalid-utf8':
        out.push(report('twitter/invalid-utf8', 'warning', 'the file is not valid UTF-8 from here on; the bad bytes were read as U+FFFD', `${event.line}:${event.column}`));
        return;
      case 'scan':
        break;
    }
    const p = page;
    if (p === null) return;
    const scan = event.event;
    const location = jsonLocation(event.doc, event.line, scan.path);
    const path = scan.path;
    switch (scan.type) {
      case 'enter':
        if (path.length === 0) p.root = scan.kind;
        return;
      case 'exit':
        if (path.length === 1 && path[0] === 'includes') {
          p.includesDone = true;
          flush(p);
        }
        return;
      case 'error': {
        p.damaged = true;
        const rule = scan.code === 'truncated' ? 'twitter/truncated' : scan.code === 'too-large' ? 'twitter/record-too-large' : 'twitter/malformed-json';
        out.push(report(rule, 'error', `${scan.message} (byte ${scan.offset})`, location));
        return;
      }
      case 'invalid':
        if (isTweetPath(path)) p.tweets++;
        out.push(report('twitter/malformed-json', 'error', `not valid JSON: ${scan.message}`, location));
        return;
      case 'value':
        break;
    }
    const value = scan.value;
    if (path.length === 0) {
      p.root = 'other';
      out.push(report('twitter/not-a-response', 'error', `not an X/Twitter API v2 response: the document is ${describe(value)}`, location));
      return;
    }
    if (isTweetPath(path)) {
      readTweet(p, { value, location, offset: scan.offset, length: scan.length });
      return;
    }
    const first = path[0];
    if (first === 'includes') {
      if (path.length === 3) readInclude(p, path, value, scan.length, location);
      else out.push(report('twitter/invalid-include', 'warning', `"includes" must be an object, found ${describe(value)}`, location));
      return;
    }
    if (first === 'errors') {
      p.errors++;
      readError(value, location);
      return;
    }
    if (first === 'data') {
      out.push(report('twitter/not-a-response', 'error', `"data" must be a list of tweets or one tweet, found ${describe(value)}`, location));
      p.tweets++;
      return;
    }
    if (typeof first === 'string' && p.fields.size < 256) p.fields.set(first, value);
  };

  for await (const chunk of input.stream) {
    for (const event of reader.push(chunk)) handle(event);
    if (out.length > 0) {
      yield* out;
      out.length = 0;
    }
  }
  for (const event of reader.end()) handle(event);
  if (totals.documents === 0) out.push(report('twitter/not-a-response', 'error', 'the file is empty: no JSON in it', ''));
  if (totals.missingDateAt !== null) {
    out.push(report('twitter/missing-date', 'warning', 'tweets without "created_at" (request tweet.fields=created_at); they have no time', totals.missingDateAt));
  }
  if (totals.protectedAuthor > 0) {
    out.push(report('twitter/protected-author', 'info', `${plural(totals.protectedAuthor, 'tweet')} from protected accounts: ${totals.protectedAuthor === 1 ? 'its author is' : 'their authors are'} pseudonymised`, ''));
  }
  if (totals.authorUnresolved > 0) {
    out.push(
      report(
        'twitter/author-unresolved',
        'info',
        `${plural(totals.authorUnresolved, 'tweet')} ${totals.authorUnresolved === 1 ? 'names' : 'name'} an author the file's "includes.users" does not describe (request expansions=author_id); as the account may be protected, those authors are pseudonymised`,
        '',
      ),
    );
  }
  if (totals.mediaUnresolved > 0) {
    out.push(
      report(
        'twitter/media-unresolved',
        'info',
        `${plural(totals.mediaUnresolved, 'media key')} ${totals.mediaUnresolved === 1 ? 'has' : 'have'} no entry in "includes.media" (request expansions=attachments.media_keys and media.fields=url,variants); kept as missing media`,
        '',
      ),
    );
  }
  yield* out;
}

function isTweetPath(path: JsonPath): boolean {
  return (path.length === 1 && typeof path[0] === 'number') || (path[0] === 'data' && (path.length === 1 || (path.length === 2 && typeof path[1] === 'number')));
}

function newPage(doc: number, line: number): Page {
  return {
    doc,
    line,
    root: null,
    includes: { users: new Map(), media: new Map(), places: new Map(), tweets: new Map(), polls: new Map() },
    includesBytes: 0,
    includesDone: false,
    pending: [],
    pendingBytes: 0,
    overflowed: false,
    fields: new Map(),
    tweets: 0,
    errors: 0,
    damaged: false,
  };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function sniff(head: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 8192)).replace(/^\uFEFF/, '');
}

/**
 * A v2 response by its shape: a "data" list of objects with tweet fields, or a list (or lines) of
 * tweets carrying `edit_history_tweet_ids` or `author_id`, which no other format writes together
 * with "text".
 */
export function detectTwitter(head: Uint8Array, fileName: string): number {
  const sample = sniff(head).trimStart();
  if (!sample.startsWith('{') && !sample.startsWith('[')) return 0;
  const tweetFields = /"edit_history_tweet_ids"\s*:|"author_id"\s*:\s*"\d+"|"conversation_id"\s*:\s*"\d+"/.test(sample);
  const hint = /\.jsonl?$|\.ndjson$/i.test(fileName) ? 0.02 : 0;
  if (/^\{\s*"(data|includes|errors|meta)"\s*:/.test(sample) || /"data"\s*:\s*[[{]\s*\{?\s*"(id|text|edit_history_tweet_ids|author_id|created_at)"\s*:/.test(sample)) {
    if (tweetFields || /"includes"\s*:\s*\{\s*"(users|media|places|tweets|polls)"/.test(sample)) return 0.92 + hint;
    if (/"data"\s*:\s*[[{]\s*\{?\s*"(id|text)"\s*:/.test(sample) && /"text"\s*:/.test(sample)) return 0.75 + hint;
    return 0.3;
  }
  if (tweetFields && /"text"\s*:/.test(sample) && /"id"\s*:\s*"\d+"/.test(sample)) return 0.85 + hint;
  return 0;
}
