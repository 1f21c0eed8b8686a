import type { IngestAdapter } from './adapter.js';
import { acledAdapter, gdeltAdapter } from './events/index.js';
import { feedAdapter } from './feed/index.js';
import { telegramAdapter } from './telegram/index.js';

export type { AttachMedia, AttachedMedia, IngestAdapter, ParseInput, ParseOutput } from './adapter.js';
export { detectFormat } from './detect.js';
export type { Detection } from './detect.js';
export { JsonScanner } from './json-scanner.js';
export type { JsonPath, ScanEvent, ScanMode } from './json-scanner.js';
export { keyedPseudonymizer } from './pseudonym.js';
export { parseTelegram, telegramAdapter } from './telegram/index.js';
export { FeedFetchError, feedAdapter, fetchFeed, parseFeed } from './feed/index.js';
export { acledAdapter, gdeltAdapter, parseAcled, parseGdelt } from './events/index.js';
export type { FeedFetchResult, FeedValidators } from './feed/index.js';

/** Every format adapter, in the order detection reports them. */
export const ADAPTERS: readonly IngestAdapter[] = [telegramAdapter, feedAdapter, acledAdapter, gdeltAdapter];
