import { describe, expect, it } from 'vitest';
import { isDiagnostic } from '../../../src/model/index.js';
import { feedFixtures, fixtureBytes, parseFeedBytes } from '../../fixtures/feed/harness.js';
import { describeFixtures } from '../../helpers/fixture-tests.js';

// Each fixture is a small feed in a real format with its expected records beside it
// (`<name>.expected.jsonl`); `npx tsx test/fixtures/feed/regenerate.ts` rewrites them.
const FIXTURES = feedFixtures.names();

describe('feed fixtures', () => {
  it('has the fixtures the format document promises', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(18);
  });

  describeFixtures(feedFixtures, {
    contract: { title: 'yields only valid RawItems and feed diagnostics', terms: (name) => ({ format: 'feed', file: `feed/${name}`, itemFormat: false }) },
    more: (name) => {
      it("points each item's byte range at its element in the file", async () => {
        const bytes = fixtureBytes(name);
        for (const record of await parseFeedBytes(bytes)) {
          if (isDiagnostic(record) || record.origin.offset === null || record.origin.length === null) continue;
          const element = Buffer.from(bytes.subarray(record.origin.offset, record.origin.offset + record.origin.length)).toString(
            name.startsWith('latin1') ? 'latin1' : 'utf8',
          );
          expect(element).toMatch(/^<(item|entry)[\s>][\s\S]*<\/(item|entry)>$/);
        }
      });
    },
  });
});
