import { access, constants } from 'node:fs/promises';

/**
 * The slice of a Playwright browser that a capture uses, declared here (as Kysely declares the
 * slice of better-sqlite3 it needs) so that capture code and its tests depend on this, not on
 * the whole library.
 */
export interface HeaderEntry {
  readonly name: string;
  readonly value: string;
}

export interface BrowserRequest {
  method(): string;
  url(): string;
  headersArray(): Promise<HeaderEntry[]>;
  postDataBuffer(): Buffer | null;
}

export interface BrowserResponse {
  url(): string;
  status(): number;
  statusText(): string;
  /** Lower-cased names, values of repeated headers joined. */
  headers(): Record<string, string>;
  headersArray(): Promise<HeaderEntry[]>;
  body(): Promise<Buffer>;
  request(): BrowserRequest;
}

export interface BrowserPage {
  on(event: 'response', listener: (response: BrowserResponse) => void): unknown;
  goto(url: string, options: { waitUntil: 'domcontentloaded' | 'load'; timeout: number }): Promise<BrowserResponse | null>;
  waitForLoadState(state: 'load' | 'networkidle', options: { timeout: number }): Promise<void>;
  content(): Promise<string>;
  title(): Promise<string>;
  url(): string;
  /** An expression run in the page (a string, so no DOM types are needed here). */
  evaluate(expression: string): Promise<unknown>;
  screenshot(options: { fullPage: boolean; type: 'png'; timeout: number; clip?: { x: number; y: number; width: number; height: number } }): Promise<Buffer>;
}

export interface BrowserContextSlice {
  newPage(): Promise<BrowserPage>;
  close(): Promise<void>;
}

export interface BrowserContextOptions {
  viewport: { width: number; height: number };
  serviceWorkers: 'block';
  acceptDownloads: boolean;
}

export interface Browser {
  version(): string;
  newContext(options: BrowserContextOptions): Promise<BrowserContextSlice>;
  close(): Promise<void>;
}

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for a capture: headless, no sandbox (containers and CI run as root), and none of
 * Chromium's own traffic (updates, sync, field trials), so that the WARC holds only the page's.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
] as const;

/** Chromium is not where it should be: what to install. */
export class BrowserMissingError extends Error {}

/**
 * Launch the system's Chromium (Debian's `chromium` package) through playwright-core, with a
 * fresh temporary profile. Playwright's own browser builds are never downloaded.
 */
export async function launchChromium(options: { executablePath?: string; timeoutMs?: number } = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? DEFAULT_CHROMIUM;
  try {
    await access(executablePath, constants.X_OK);
  } catch {
    throw new BrowserMissingError(`no Chromium at ${executablePath}: install it (Debian: apt-get install chromium)`);
  }
  // Loaded on demand: only `capture` needs a browser, and the library is large.
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], timeout: options.timeoutMs ?? 60_000 });
}
