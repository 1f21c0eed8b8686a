import { writeZip } from '../../src/ingest/index.js';

/**
 * A deterministic ZIP (deflated entries, fixed 2026-09-19 08:00 timestamps) as a phone's share
 * sheet writes one. Enough for demo exports; no ZIP64, so each entry and the whole stay under 4 GiB.
 */
export function zipArchive(entries: readonly (readonly [name: string, bytes: Uint8Array])[]): Uint8Array {
  return writeZip(
    entries.map(([name, data]) => ({ name, data, deflate: true })),
    { modified: new Date('2026-09-19T08:00:00Z'), level: 9, utf8Flag: 'always' },
  );
}
