import { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted (by UTF-16 code units, as RFC 8785 does) at every depth, no
 * whitespace, numbers and strings as JSON.stringify writes them. The same value always gives the
 * same bytes, so a hash of it names the value. Keys whose value is undefined are left out, as
 * JSON.stringify does; anything JSON cannot say (NaN, Infinity, bigint, functions) is an error
 * rather than a silent `null`.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no ${String(value)}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((element: unknown) => canonicalJson(element)).join(',')}]`;
  if (typeof value === 'object') {
    const fields = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
    return `{${fields.join(',')}}`;
  }
  throw new TypeError(`canonical JSON has no ${typeof value}`);
}

/** Lower-case hex SHA-256 of a string's UTF-8 bytes, or of bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
