import { rawItemId, type MediaRef, type RawItem } from '../../model/index.js';
import type { PageMetadata } from './extract.js';

export interface ArticleContext {
  /** The source as the user knows it (a file name, a URL). */
  readonly file: string;
  readonly sha256: string | null;
  readonly location: string;
  readonly offset: number | null;
  readonly length: number | null;
  /** Where the page was fetched from, when the page does not name its own URL. */
  readonly fetchedUrl: string | null;
  /** Files already in the vault (a screenshot, the WACZ). */
  readonly media: readonly MediaRef[];
  /** Capture facts to keep beside the page's own (`captured`, `signatureValid`). */
  readonly extra: Readonly<Record<string, unknown>>;
}

const MAX_REMOTE_IMAGES = 20;

/** The one RawItem a web page gives, or null when it has neither title nor text. */
export function articleItem(page: PageMetadata, context: ArticleContext): RawItem | null {
  if (page.title === null && page.mainText === '') return null;
  const url = page.url ?? httpUrl(context.fetchedUrl);
  const time = page.published?.iso ?? null;
  const externalId = url ?? `sha256:${rawItemId(['title-text', page.title, page.mainText])}`;
  const origin = url === null ? null : new URL(url).origin;
  const remote: MediaRef[] = [];
  for (const ref of [page.image, ...page.images]) {
    if (ref === null || remote.some((m) => m.ref === ref) || remote.length >= MAX_REMOTE_IMAGES) continue;
    remote.push({ kind: 'photo', ref, status: 'remote', sha256: null, mediaType: null, bytes: null, width: null, height: null });
  }
  const extra: Record<string, unknown> = {};
  const keep = (key: string, value: unknown): void => {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return;
    extra[key] = value;
  };
  keep('titleSource', page.titleSource);
  keep('publishedSource', page.published?.source);
  keep('publishedWritten', page.published?.written);
  keep('publishedPrecision', page.published?.precision);
  keep('modifiedSource', page.modified?.source);
  keep('modifiedTime', page.modified?.iso);
  keep('authorSource', page.authorSource);
  keep('authors', page.authors.length > 1 ? page.authors : null);
  keep('siteName', page.siteName);
  keep('description', page.description);
  keep('section', page.section);
  keep('keywords', page.keywords);
  keep('urlSource', page.url === null ? (url === null ? null : 'fetched') : page.urlSource);
  keep('languageSource', page.languageSource);
  keep('jsonLdTypes', page.jsonLdTypes);
  keep('mainTextSource', page.mainTextSource);
  if (page.truncated) extra['truncated'] = true;
  for (const [key, value] of Object.entries(context.extra)) keep(key, value);

  return {
    // Positional identity: append new values at the end, never reorder (ids would change).
    id: rawItemId(['webpage', externalId, page.title, time, page.mainText]),
    format: 'webpage',
    externalId,
    kind: 'article',
    channel: { id: origin ?? `file:${context.file}`, name: page.siteName ?? (url === null ? null : new URL(url).hostname), type: 'website' },
    // A byline names a journalist in public; it is kept as printed.
    author: page.authors.length === 0 ? null : { id: null, name: page.authors.join(', '), pseudonymous: false },
    time,
    editedTime: page.modified?.iso ?? null,
    title: page.title,
    text: page.mainText,
    url,
    declaredLanguage: page.language,
    forwardedFrom: null,
    replyTo: null,
    media: [...context.media, ...remote],
    geo: null,
    extra,
    origin: { file: context.file, sha256: context.sha256, location: context.location, offset: context.offset, length: context.length },
  };
}

function httpUrl(value: string | null): string | null {
  if (value === null) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
