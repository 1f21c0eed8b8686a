import type { IngestAdapter } from './adapter.js';
import { acledAdapter, gdeltAdapter } from './events/index.js';
import { feedAdapter } from './feed/index.js';
import { mediaAdapter } from './media/index.js';
import { mastodonAdapter, tableAdapter, twitterAdapter } from './social/index.js';
import { telegramAdapter } from './telegram/index.js';
import { webpageAdapter } from './webpage/index.js';
import { whatsappAdapter } from './whatsapp/index.js';

export type { AttachMedia, AttachedMedia, IngestAdapter, ParseInput, ParseOutput } from './adapter.js';
export { detectFormat } from './detect.js';
export type { Detection } from './detect.js';
export { JsonScanner } from './json-scanner.js';
export type { JsonPath, ScanEvent, ScanMode } from './json-scanner.js';
export { keyedPseudonymizer } from './pseudonym.js';
export {
  ZipArchive,
  ZipEntryError,
  ZipFormatError,
  ZipTooLargeError,
  bufferAccess,
  fileAccess,
  readZipDirectory,
  readZipEntry,
  streamZipEntry,
  writeZip,
} from './zip.js';
export type { LegacyNames, RandomAccess, ZipDirectoryOptions, ZipEntry, ZipFile, ZipWriteOptions } from './zip.js';
export { parseTelegram, telegramAdapter } from './telegram/index.js';
export { FeedFetchError, feedAdapter, fetchFeed, parseFeed } from './feed/index.js';
export { acledAdapter, gdeltAdapter, parseAcled, parseGdelt } from './events/index.js';
export { detectWhatsApp, parseWhatsApp, whatsappAdapter } from './whatsapp/index.js';
export {
  FFMPEG_PATH,
  SAME_PICTURE_MAX_DISTANCE,
  createMediaAdapter,
  describeMedia,
  hamming,
  hashReferenceFolder,
  isExecutableFile,
  mediaAdapter,
  spawnFfmpeg,
  systemFfmpeg,
} from './media/index.js';
export type { FfmpegRunner, ReferenceFolderOptions, ReferenceFolderProblem, ReferenceSighting } from './media/index.js';
export { mastodonAdapter, parseMastodon, parseTable, parseTwitter, tableAdapter, twitterAdapter } from './social/index.js';
export {
  BrowserMissingError,
  CaptureError,
  DEFAULT_TIMEOUT_MS,
  articleItem,
  capturePage,
  launchChromium,
  pngSize,
  verifyWacz,
  webpageAdapter,
} from './webpage/index.js';
export type { Browser, CaptureResult, CaptureTarget, WaczVerification } from './webpage/index.js';
export type { FeedFetchResult, FeedValidators } from './feed/index.js';

/** Every format adapter, in the order detection reports them. */
// The generic table adapter comes last, so that the specific formats win ties.
export const ADAPTERS: readonly IngestAdapter[] = [telegramAdapter, feedAdapter, whatsappAdapter, twitterAdapter, mastodonAdapter, acledAdapter, gdeltAdapter, webpageAdapter, mediaAdapter, tableAdapter];
