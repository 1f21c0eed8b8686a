export { detectWebpage, parseWebpage, pngSize, webpageAdapter } from './parse.js';
export { CaptureError, DEFAULT_MAX_RESOURCE_BYTES, DEFAULT_MAX_SCREENSHOT_HEIGHT, DEFAULT_TIMEOUT_MS, capturePage } from './capture.js';
export type { CaptureDeps, CaptureOptions, CaptureResult, CaptureTarget, CapturedResource, SkippedResource } from './capture.js';
export { BrowserMissingError, CHROMIUM_ARGS, DEFAULT_CHROMIUM, launchChromium } from './browser.js';
export type { Browser, BrowserPage, BrowserResponse } from './browser.js';
export { MAX_TEXT_CHARS, PageExtractor, extractPage, readPageDate } from './extract.js';
export type { ExtractOptions, MainTextSource, PageDate, PageMetadata, PageProblem } from './extract.js';
export { articleItem } from './item.js';
export type { ArticleContext } from './item.js';
export {
  PRIVATE_KEY_FILE,
  PUBLIC_KEY_FILE,
  ed25519Signer,
  generateEd25519Signer,
  loadOrCreateInstallationKey,
  verifyEd25519,
} from './signing.js';
export type { Signer } from './signing.js';
export { WACZ_VERSION, WaczArchive, buildWacz, verifyWacz, verifyWaczArchive, writeStoredZip } from './wacz.js';
export type { BuiltWacz, CapturedExchange, DataPackage, DataPackageDigest, SignatureStatus, WaczInput, WaczPage, WaczVerification } from './wacz.js';
export { cdxjIndex, cdxjLine, parseCdxj, searchableUrl } from './cdxj.js';
export type { CdxjEntry, CdxjRecord } from './cdxj.js';
export { WarcWriter, parseHttpResponse, parseWarcRecord, readWarcMember, serializeWarcRecord } from './warc.js';
export type { WarcRecordInput, WrittenRecord } from './warc.js';
