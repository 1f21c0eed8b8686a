import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Clock, Signer } from '../../model/index.js';
import type { Browser, BrowserPage, BrowserResponse } from './browser.js';
import { extractPage, type PageMetadata } from './extract.js';
import { buildWacz, type CapturedExchange } from './wacz.js';

/**
 * Capture one page as evidence: render it in headless Chromium, then keep what a reader needs
 * to check it later — the final HTML, a full-page screenshot, the response headers, the time,
 * every response the page loaded, and all of it packed as a signed WACZ.
 */

export type CaptureTarget = { readonly url: string } | { readonly file: string };

export interface CaptureDeps {
  readonly launchBrowser: () => Promise<Browser>;
  readonly clock: Clock;
  readonly signer: Signer;
  readonly toolVersion: string;
  /** A fresh UUID (for WARC record ids); injected so that tests are repeatable. */
  readonly newId: () => string;
  /** The case's IANA timezone, for publication times written without an offset. */
  readonly timezone: string;
}

export interface CaptureOptions {
  /** The whole capture, navigation to screenshot. */
  readonly timeoutMs?: number;
  /** Longest wait for the network to fall quiet after `load` (scripts fetching more). */
  readonly networkIdleMs?: number;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Bodies kept in total; past it responses are recorded as skipped. */
  readonly maxResourceBytes?: number;
  /** Screenshots stop at this height: longer pages are cut (and the record says so). */
  readonly maxScreenshotHeight?: number;
}

export interface CapturedResource {
  readonly url: string;
  readonly status: number | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly bytes: number;
}

export interface SkippedResource {
  readonly url: string;
  readonly reason: string;
}

export interface CaptureResult {
  /** Where the page ended up after redirects. */
  readonly finalUrl: string;
  /** HTTP status of the page; null for a local file. */
  readonly status: number | null;
  /** The page's own response headers, names lower-cased; null for a local file (there are none). */
  readonly headers: Readonly<Record<string, string>> | null;
  /** From the injected clock, when the capture started. */
  readonly capturedAt: string;
  /** The DOM after load and scripts, serialised. */
  readonly html: string;
  readonly screenshot: Buffer;
  readonly screenshotHeight: number;
  /** The page's full height, when the screenshot was cut shorter. */
  readonly pageHeight: number;
  readonly screenshotCut: boolean;
  readonly resources: readonly CapturedResource[];
  readonly skipped: readonly SkippedResource[];
  readonly wacz: Buffer;
  readonly metadata: PageMetadata;
  readonly browserVersion: string;
  /** Things the record should say about how it was made. */
  readonly notes: readonly string[];
}

/** The page could not be captured (no answer, a bad URL); the message is for the user. */
export class CaptureError extends Error {}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RESOURCE_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_SCREENSHOT_HEIGHT = 20_000;
const DEFAULT_VIEWPORT = { width: 1280, height: 800 } as const;
const SCREENSHOT_GRACE_MS = 30_000;

export async function capturePage(target: CaptureTarget, deps: CaptureDeps, options: CaptureOptions = {}): Promise<CaptureResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxResourceBytes ?? DEFAULT_MAX_RESOURCE_BYTES;
  const maxHeight = options.maxScreenshotHeight ?? DEFAULT_MAX_SCREENSHOT_HEIGHT;
  const viewport = options.viewport ?? DEFAULT_VIEWPORT;
  const url = targetUrl(target);
  // Elapsed time for the capture's own deadline only: the record's times come from the injected clock.
  const startedAt = performance.now();
  const remaining = (): number => Math.max(1, timeoutMs - (performance.now() - startedAt));
  const capturedAt = deps.clock().toISOString();
  const notes: string[] = [];

  const browser = await deps.launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { ...viewport }, serviceWorkers: 'block', acceptDownloads: false });
    try {
      const page = await context.newPage();
      const recorder = new ResponseRecorder(deps.clock, maxBytes);
      page.on('response', (response) => { recorder.record(response); });

      let main: BrowserResponse | null;
      try {
        main = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: remaining() });
      } catch (error) {
        throw new CaptureError(`could not load ${url}: ${firstLine(error)}`);
      }
      await settle(page, remaining, options.networkIdleMs ?? 5_000, notes);

      const html = await page.content();
      // The screenshot gets its own time even when the page used all of its own waiting.
      const shot = await screenshot(page, viewport, maxHeight, Math.max(remaining(), SCREENSHOT_GRACE_MS));
      if (shot.cut) notes.push(`the page is ${shot.pageHeight} px tall; the screenshot stops at ${maxHeight} px`);
      const exchanges = await recorder.finish(Math.max(1_000, Math.min(remaining(), 10_000)));
      const finalUrl = main?.url() ?? page.url();
      const isFile = finalUrl.startsWith('file:');
      const headers = main === null || isFile ? null : lowerCaseHeaders(await main.headersArray());
      if (isFile) notes.push('opened from a local file: there is no HTTP response, so no status and no headers');
      const status = main === null || isFile ? null : main.status();
      const metadata = extractPage(html, { baseUrl: finalUrl, timezone: deps.timezone });
      const title = metadata.title ?? nonEmpty(await page.title());
      const browserVersion = browser.version();
      const software = `corroborate ${deps.toolVersion}`;
      const pageInfo = {
        url,
        finalUrl,
        capturedAt,
        status,
        browser: `Chromium ${browserVersion}`,
        viewport,
        screenshot: { height: shot.height, pageHeight: shot.pageHeight, cut: shot.cut },
        resources: exchanges.length,
        skipped: recorder.skipped,
        notes,
      };
      const wacz = buildWacz({
        page: { url: finalUrl, ts: capturedAt, title, text: metadata.mainText === '' ? null : metadata.mainText },
        exchanges,
        screenshot: shot.png,
        renderedHtml: html,
        pageInfo,
        created: deps.clock().toISOString(),
        software,
        softwareVersion: deps.toolVersion,
        browser: `Chromium ${browserVersion}`,
        newId: deps.newId,
        signer: deps.signer,
      });
      return {
        finalUrl,
        status,
        headers,
        capturedAt,
        html,
        screenshot: shot.png,
        screenshotHeight: shot.height,
        pageHeight: shot.pageHeight,
        screenshotCut: shot.cut,
        resources: exchanges.map((e) => ({ url: e.url, status: e.status, headers: lowerCaseHeaders(e.responseHeaders.map(([name, value]) => ({ name, value }))), bytes: e.body.length })),
        skipped: recorder.skipped,
        wacz: wacz.bytes,
        metadata,
        browserVersion,
        notes,
      };
    } finally {
      await context.close().catch(() => undefined);
    }
  } finally {
    await browser.close().catch(() => undefined);
  }
}

function targetUrl(target: CaptureTarget): string {
  if ('file' in target) return pathToFileURL(resolve(target.file)).href;
  let parsed: URL;
  try {
    parsed = new URL(target.url);
  } catch {
    throw new CaptureError(`"${target.url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new CaptureError(`only http and https pages are captured, not ${parsed.protocol}`);
  return parsed.href;
}

/** After DOMContentLoaded: wait for `load`, then for the network to fall quiet, each bounded; a page that never settles is captured as it stands. */
async function settle(page: BrowserPage, remaining: () => number, networkIdleMs: number, notes: string[]): Promise<void> {
  try {
    await page.waitForLoadState('load', { timeout: remaining() });
  } catch {
    notes.push('the page did not finish loading in time; captured as it stood');
    return;
  }
  try {
    await page.waitForLoadState('networkidle', { timeout: Math.min(remaining(), networkIdleMs) });
  } catch {
    notes.push(`the network was still busy ${networkIdleMs} ms after load; captured as it stood`);
  }
}

async function screenshot(page: BrowserPage, viewport: { width: number; height: number }, maxHeight: number, timeout: number): Promise<{ png: Buffer; height: number; pageHeight: number; cut: boolean }> {
  const measured = await page.evaluate('Math.max(document.documentElement ? document.documentElement.scrollHeight : 0, document.body ? document.body.scrollHeight : 0)');
  const pageHeight = typeof measured === 'number' && Number.isFinite(measured) ? Math.max(1, Math.ceil(measured)) : viewport.height;
  if (pageHeight <= maxHeight) return { png: await page.screenshot({ fullPage: true, type: 'png', timeout }), height: Math.max(pageHeight, viewport.height), pageHeight, cut: false };
  // A very long page would make an image too large to store or open: keep its top.
  const png = await page.screenshot({ fullPage: true, type: 'png', timeout, clip: { x: 0, y: 0, width: viewport.width, height: maxHeight } });
  return { png, height: maxHeight, pageHeight, cut: true };
}

/** Collects every response with its body, within a byte budget. */
class ResponseRecorder {
  readonly skipped: SkippedResource[] = [];
  private readonly pending: Promise<CapturedExchange | null>[] = [];
  private kept = 0;

  constructor(
    private readonly clock: Clock,
    private readonly maxBytes: number,
  ) {}

  record(response: BrowserResponse): void {
    this.pending.push(this.read(response).catch((error: unknown) => {
      this.skipped.push({ url: response.url(), reason: `not recorded: ${firstLine(error)}` });
      return null;
    }));
  }

  private async read(response: BrowserResponse): Promise<CapturedExchange | null> {
    const url = response.url();
    const date = this.clock().toISOString();
    if (!/^(https?|file):/i.test(url)) return null;
    const request = response.request();
    const status = response.status();
    const isFile = url.startsWith('file:');
    const declared = Number(response.headers()['content-length']);
    let body: Buffer = Buffer.alloc(0);
    if (Number.isFinite(declared) && this.kept + declared > this.maxBytes) {
      this.skipped.push({ url, reason: `body of ${declared} bytes left out: the capture keeps at most ${this.maxBytes} bytes of responses` });
    } else if (status >= 300 && status < 400) {
      // A redirect has no body to read; its Location header is what counts.
    } else {
      try {
        body = await response.body();
      } catch (error) {
        this.skipped.push({ url, reason: `body not available: ${firstLine(error)}` });
      }
      if (this.kept + body.length > this.maxBytes) {
        this.skipped.push({ url, reason: `body of ${body.length} bytes left out: the capture keeps at most ${this.maxBytes} bytes of responses` });
        body = Buffer.alloc(0);
      }
    }
    this.kept += body.length;
    const responseHeaders = isFile ? [] : (await response.headersArray()).map(({ name, value }) => [name, value] as const);
    const contentType = responseHeaders.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? null;
    return {
      url,
      date,
      method: request.method(),
      requestHeaders: isFile ? [] : (await request.headersArray()).map(({ name, value }) => [name, value] as const),
      requestBody: request.postDataBuffer(),
      status: isFile ? null : status,
      statusText: response.statusText(),
      // The browser hands over decoded bodies: headers that described the encoded bytes would now lie.
      responseHeaders: isFile ? [] : storedHeaders(responseHeaders, body.length),
      body,
      mime: (contentType?.split(';')[0]?.trim().toLowerCase() ?? '') || (isFile ? mimeOfFile(url) : 'application/octet-stream'),
    };
  }

  /** Wait (bounded) for bodies still being read, in the order responses arrived. */
  async finish(timeoutMs: number): Promise<CapturedExchange[]> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolveTimeout) => {
      timer = setTimeout(() => { resolveTimeout('timeout'); }, timeoutMs);
    });
    const settled = await Promise.race([Promise.all(this.pending), deadline]);
    clearTimeout(timer);
    if (settled === 'timeout') {
      this.skipped.push({ url: '', reason: `some bodies were still loading after ${timeoutMs} ms and were left out` });
      return [];
    }
    return settled.filter((e): e is CapturedExchange => e !== null);
  }
}

/** Content-Encoding and Transfer-Encoding named the wire bytes; the stored body is decoded, so they are renamed and Content-Length made true. */
function storedHeaders(headers: readonly (readonly [string, string])[], bodyLength: number): [string, string][] {
  const out: [string, string][] = [];
  let hadLength = false;
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'content-encoding' || lower === 'transfer-encoding') out.push([`X-Archive-Orig-${name}`, value]);
    else if (lower === 'content-length') {
      hadLength = true;
      if (Number(value) !== bodyLength) out.push([`X-Archive-Orig-${name}`, value]);
      out.push(['Content-Length', String(bodyLength)]);
    } else out.push([name, value]);
  }
  if (!hadLength) out.push(['Content-Length', String(bodyLength)]);
  return out;
}

function lowerCaseHeaders(headers: readonly { name: string; value: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, value } of headers) {
    const key = name.toLowerCase();
    out[key] = out[key] === undefined ? value : `${out[key]}${key === 'set-cookie' ? '\n' : ', '}${value}`;
  }
  return out;
}

function mimeOfFile(url: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase() ?? '';
  return FILE_TYPES[extension] ?? 'application/octet-stream';
}

const FILE_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html', htm: 'text/html', css: 'text/css', js: 'text/javascript', mjs: 'text/javascript', json: 'application/json',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml', avif: 'image/avif',
  woff: 'font/woff', woff2: 'font/woff2', mp4: 'video/mp4', webm: 'video/webm', txt: 'text/plain',
};

function nonEmpty(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
