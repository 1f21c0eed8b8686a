/**
 * CDXJ index lines (Webrecorder CDXJ 0.1.0): `<searchable url> <timestamp> <json>`, sorted by
 * byte value so that a reader can binary-search a URL.
 */

export interface CdxjEntry {
  readonly url: string;
  /** ISO 8601 UTC. */
  readonly date: string;
  readonly mime: string;
  readonly status: number | null;
  readonly digest: string | null;
  readonly length: number;
  readonly offset: number;
  readonly filename: string;
  readonly recordDigest: string;
}

/**
 * The searchable URL (CDXJ §"Searchable URL", the SURT form): lower-cased, scheme dropped, host
 * labels reversed and comma-separated, `)`, then path and query. An IP address is not reversed
 * and a port that is not the scheme's default stays, as the `surt` library does; `urn:` URIs of
 * resource records stay as written.
 */
export function searchableUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.toLowerCase();
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return url.toLowerCase();
  const host = parsed.hostname.toLowerCase();
  const reversed = /^[\d.]+$/.test(host) || host.startsWith('[') ? host : host.split('.').reverse().join(',');
  const port = parsed.port === '' ? '' : `:${parsed.port}`;
  return `${reversed}${port})${parsed.pathname}${parsed.search}`.toLowerCase();
}

/** `20260307160500123`: UTC, with milliseconds (CDXJ §"Integer Timestamp" allows them). */
export function cdxjTimestamp(iso: string): string {
  return iso.replace(/[^0-9]/g, '').slice(0, 17).padEnd(17, '0');
}

export function cdxjLine(entry: CdxjEntry): string {
  const block: Record<string, string | number> = { url: entry.url, mime: entry.mime };
  if (entry.status !== null) block['status'] = entry.status;
  if (entry.digest !== null) block['digest'] = entry.digest;
  block['length'] = entry.length;
  block['offset'] = entry.offset;
  block['filename'] = entry.filename;
  block['recordDigest'] = entry.recordDigest;
  // JSON.stringify escapes line breaks, so the block stays on one line.
  return `${searchableUrl(entry.url)} ${cdxjTimestamp(entry.date)} ${JSON.stringify(block)}`;
}

/** Index text: lines sorted by their UTF-8 bytes (`LC_ALL=C sort`). */
export function cdxjIndex(entries: readonly CdxjEntry[]): string {
  const lines = entries.map(cdxjLine).sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export interface CdxjRecord {
  readonly key: string;
  readonly timestamp: string;
  readonly url: string;
  readonly mime: string | null;
  readonly status: number | null;
  readonly offset: number;
  readonly length: number;
  readonly filename: string;
}

/** Read index lines back; lines that are not CDXJ are skipped. */
export function parseCdxj(text: string): CdxjRecord[] {
  const records: CdxjRecord[] = [];
  for (const line of text.split('\n')) {
    const first = line.indexOf(' ');
    const second = first === -1 ? -1 : line.indexOf(' ', first + 1);
    if (second === -1) continue;
    let block: unknown;
    try {
      block = JSON.parse(line.slice(second + 1));
    } catch {
      continue;
    }
    if (typeof block !== 'object' || block === null) continue;
    const fields = block as Record<string, unknown>;
    const offset = Number(fields['offset']);
    const length = Number(fields['length']);
    if (typeof fields['url'] !== 'string' || typeof fields['filename'] !== 'string' || !Number.isSafeInteger(offset) || !Number.isSafeInteger(length)) continue;
    const status = Number(fields['status']);
    records.push({
      key: line.slice(0, first),
      timestamp: line.slice(first + 1, second),
      url: fields['url'],
      mime: typeof fields['mime'] === 'string' ? fields['mime'] : null,
      status: Number.isInteger(status) ? status : null,
      offset,
      length,
      filename: fields['filename'],
    });
  }
  return records;
}
