export type ResolvedUrl = { readonly url: string } | { readonly problem: string };

/**
 * Resolve a link as written against the base in scope (RFC 3986 §5) and keep it only if it is
 * http(s): a `javascript:` or `file:` link in a feed is never something to open or fetch.
 */
export function resolveUrl(written: string, base: string | null): ResolvedUrl {
  const ref = written.trim();
  if (ref === '') return { problem: 'the link is empty' };
  let url: URL;
  try {
    url = base === null ? new URL(ref) : new URL(ref, base);
  } catch {
    const relative = !/^[a-z][a-z0-9+.-]*:/i.test(ref);
    return {
      problem: relative && base === null ? `"${ref}" is relative and nothing says what it is relative to` : `"${ref}" is not a URL`,
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { problem: `"${ref}" is a ${url.protocol} link; only http and https links are kept` };
  }
  return { url: url.href };
}

/** The absolute http(s) URL a value is, or null (for guids, which may or may not be URLs). */
export function absoluteHttpUrl(written: string): string | null {
  if (!/^https?:\/\//i.test(written.trim())) return null;
  const resolved = resolveUrl(written, null);
  return 'url' in resolved ? resolved.url : null;
}

/** The http(s) URL a file name is, if it is one: the retrieval URI of a fetched feed. */
export function retrievalUrl(file: string): string | null {
  return absoluteHttpUrl(file);
}
