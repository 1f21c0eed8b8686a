export { detectFeed, feedAdapter, parseFeed } from './parse.js';
export { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, FeedFetchError, fetchFeed } from './fetch.js';
export type { FeedFetchFailure, FeedFetchOptions, FeedFetchResult, FeedValidators } from './fetch.js';
export { parseFeedDate } from './dates.js';
export type { FeedDate } from './dates.js';
export { htmlToText } from './html-text.js';
export type { HtmlText } from './html-text.js';
