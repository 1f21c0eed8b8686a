import { describe, expect, it } from 'vitest';
import { isDiagnostic } from '../../../src/model/index.js';
import { adapterFor, eventFixtures, fixtureBytes, parseEventBytes } from '../../fixtures/events/harness.js';
import { describeFixtures } from '../../helpers/fixture-tests.js';

// Each fixture is a small ACLED or GDELT file with its expected records beside it
// (`<name>.expected.jsonl`); `npx tsx test/fixtures/events/regenerate.ts` rewrites them.
const FIXTURES = eventFixtures.names();

describe('event-data fixtures', () => {
  it('has the fixtures the format document promises', () => {
    expect(FIXTURES.filter((name) => name.startsWith('acled-')).length).toBeGreaterThanOrEqual(12);
    expect(FIXTURES.filter((name) => name.startsWith('gdelt-')).length).toBeGreaterThanOrEqual(6);
  });

  describeFixtures(eventFixtures, {
    chunkSizes: [[1], [2], [7], [3, 1, 4, 1, 5, 9, 2, 6], [1000]],
    contract: {
      title: 'yields only valid RawItems and diagnostics of its format',
      terms: (name) => ({ format: adapterFor(name).format, file: `events/${name}`, noInternalError: true, kind: 'reference-event' }),
    },
    more: (name) => {
      it("points each item's byte range at its row in the file", async () => {
        const bytes = fixtureBytes(name);
        for (const record of await parseEventBytes(adapterFor(name), bytes)) {
          if (isDiagnostic(record) || record.origin.offset === null || record.origin.length === null) continue;
          const row = Buffer.from(bytes.subarray(record.origin.offset, record.origin.offset + record.origin.length)).toString('latin1');
          const id = record.externalId.replace(/^(acled|gdelt):/, '');
          // The row holds the event's id as a whole field, and no line terminator at its ends.
          expect(row.split(name.startsWith('acled-') ? ',' : '\t')).toContain(id);
          expect(row).not.toMatch(/^[\r\n]|[\r\n]$/);
          const line = Number(record.origin.location.split(':')[0]);
          const before = Buffer.from(bytes.subarray(0, record.origin.offset)).toString('latin1');
          expect(before.split(/\r\n|\r|\n/).length, 'the location names the line the byte range starts on').toBe(line);
        }
      });
    },
  });
});
