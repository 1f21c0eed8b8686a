import type { ReadableStreamReadResult } from 'node:stream/web';

/** The validators a server gave with the last copy (RFC 9110 §8.8), for a conditional GET. */
export interface FeedValidators {
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export interface FeedFetchOptions {
  /** The fetch to use; domain code never reaches for the global one. */
  readonly fetcher: typeof fetch;
  /** For the whole exchange, headers and body. Default 30 s. */
  readonly timeoutMs?: number;
  /** Largest body accepted. Default 64 MiB. */
  readonly maxBytes?: number;
  readonly userAgent?: string;
}

export type FeedFetchResult =
  | { readonly status: 'not-modified'; readonly etag: string | null; readonly lastModified: string | null }
  | {
      readonly status: 'fetched';
      /** The URL after redirects: what the bytes came from. */
      readonly finalUrl: string;
      readonly httpStatus: number;
      readonly etag: string | null;
      readonly lastModified: string | null;
      readonly contentType: string | null;
      /** Response headers, names in lower case. */
      readonly headers: Readonly<Record<string, string>>;
      /**
       * The body as it arrives. Iterate it once; it throws a FeedFetchError when it grows past
       * maxBytes or the time runs out. Stop early and the download is cancelled.
       */
      readonly body: AsyncIterable<Uint8Array>;
    };

export type FeedFetchFailure =
  | 'invalid-url'
  | 'unsupported-scheme'
  | 'dns'
  | 'connection-refused'
  | 'connection-reset'
  | 'tls'
  | 'timeout'
  | 'too-many-redirects'
  | 'http-status'
  | 'too-large'
  | 'network';

/** Why a feed could not be fetched, in words for the person who added the URL. */
export class FeedFetchError extends Error {
  override readonly name = 'FeedFetchError';

  constructor(
    readonly url: string,
    readonly reason: FeedFetchFailure,
    message: string,
    readonly httpStatus: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_USER_AGENT = 'corroborate-feed-reader/0.1';
// RSS and Atom first, then the generic XML types servers often use for them.
const ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';

/**
 * GET a feed, conditionally when `previous` has validators: a 304 costs the server nothing and
 * tells us nothing changed. Only http and https. Errors are FeedFetchError, never a bare
 * TypeError from the network stack.
 */
export async function fetchFeed(url: string, previous: FeedValidators | null, options: FeedFetchOptions): Promise<FeedFetchResult> {
  const target = checkUrl(url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const signal = AbortSignal.timeout(timeoutMs);

  const headers: Record<string, string> = { accept: ACCEPT, 'user-agent': options.userAgent ?? DEFAULT_USER_AGENT };
  const previousEtag = previous?.etag ?? null;
  const previousLastModified = previous?.lastModified ?? null;
  if (previousEtag !== null) headers['if-none-match'] = previousEtag;
  if (previousLastModified !== null) headers['if-modified-since'] = previousLastModified;

  let response: Response;
  try {
    response = await options.fetcher(target, { method: 'GET', headers, redirect: 'follow', signal });
  } catch (error) {
    throw networkError(url, error, timeoutMs);
  }

  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  if (response.status === 304) {
    await discard(response);
    // A 304 may carry fresher validators; otherwise the old ones still hold.
    return { status: 'not-modified', etag: etag ?? previousEtag, lastModified: lastModified ?? previousLastModified };
  }
  const finalUrl = response.url === '' ? target : response.url;
  if (response.status < 200 || response.status > 299) {
    await discard(response);
    const statusText = response.statusText === '' ? '' : ` ${response.statusText}`;
    throw new FeedFetchError(url, 'http-status', `${finalUrl} answered HTTP ${response.status}${statusText}${statusHint(response.status)}`, response.status);
  }
  const declaredLength = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes) {
    await discard(response);
    throw tooLarge(url, response.status, maxBytes, `it says it is ${declaredLength} bytes`);
  }

  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    responseHeaders[name.toLowerCase()] = value;
  });
  return {
    status: 'fetched',
    finalUrl,
    httpStatus: response.status,
    etag,
    lastModified,
    contentType: response.headers.get('content-type'),
    headers: responseHeaders,
    body: limitedBody(response, url, maxBytes, timeoutMs),
  };
}

function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FeedFetchError(url, 'invalid-url', `"${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FeedFetchError(url, 'unsupported-scheme', `"${url}" is a ${parsed.protocol} URL; feeds are fetched over http or https only`);
  }
  return parsed.href;
}

async function* limitedBody(response: Response, url: string, maxBytes: number, timeoutMs: number): AsyncGenerator<Uint8Array, void, undefined> {
  const body = response.body;
  if (body === null) return;
  const reader = body.getReader();
  let received = 0;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw networkError(url, error, timeoutMs);
      }
      if (chunk.done) return;
      received += chunk.value.byteLength;
      if (received > maxBytes) throw tooLarge(url, response.status, maxBytes, 'the body kept coming');
      yield chunk.value;
    }
  } finally {
    // Stopping early (an error, a consumer that breaks off) must not leave the download running.
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function tooLarge(url: string, httpStatus: number, maxBytes: number, why: string): FeedFetchError {
  return new FeedFetchError(url, 'too-large', `${url} is larger than the ${maxBytes}-byte limit for a feed (${why})`, httpStatus);
}

function statusHint(status: number): string {
  if (status === 404 || status === 410) return ': the feed is not at this address (moved or removed?)';
  if (status === 401 || status === 403) return ': the server refuses access to the feed';
  if (status === 429) return ': the server asks us to slow down; try again later';
  if (status >= 500) return ': the server failed; try again later';
  return '';
}

/** Turn what fetch throws (undici's TypeError with a `cause`, an abort) into plain words. */
function networkError(url: string, error: unknown, timeoutMs: number): FeedFetchError {
  if (error instanceof FeedFetchError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new FeedFetchError(url, 'timeout', `${url} did not answer in full within ${timeoutMs / 1000} s`, null, { cause: error });
  }
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
  const host = hostOf(url);
  const detail = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new FeedFetchError(url, 'dns', `the host ${host} could not be found (DNS lookup failed)`, null, { cause: error });
    case 'ECONNREFUSED':
      return new FeedFetchError(url, 'connection-refused', `${host} refused the connection`, null, { cause: error });
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return new FeedFetchError(url, 'connection-reset', `the connection to ${host} broke off`, null, { cause: error });
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return new FeedFetchError(url, 'timeout', `${host} did not answer in time`, null, { cause: error });
    default:
  }
  if (/certificate|CERT_|SSL|TLS/i.test(`${code} ${detail}`)) {
    return new FeedFetchError(url, 'tls', `the secure connection to ${host} failed: ${detail}`, null, { cause: error });
  }
  if (/redirect/i.test(detail)) {
    return new FeedFetchError(url, 'too-many-redirects', `${url} redirects too many times (a redirect loop?)`, null, { cause: error });
  }
  return new FeedFetchError(url, 'network', `${url} could not be fetched: ${detail}`, null, { cause: error });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
