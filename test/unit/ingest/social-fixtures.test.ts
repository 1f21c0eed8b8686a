import { describe, expect, it } from 'vitest';
import { ADAPTERS, detectFormat } from '../../../src/ingest/index.js';
import { mastodonAdapter, tableAdapter, twitterAdapter } from '../../../src/ingest/social/index.js';
import { isDiagnostic } from '../../../src/model/index.js';
import { adapterFor, fixtureBytes, fixtureRecords, socialFixtures } from '../../fixtures/social/harness.js';
import { describeFixtures } from '../../helpers/fixture-tests.js';

// Each fixture is a small file in a real format with its expected records beside it
// (`<name>.expected.jsonl`); `npx tsx test/fixtures/social/regenerate.ts` rewrites them.
const FIXTURES = socialFixtures.names();
const ALL_ADAPTERS = [...ADAPTERS, twitterAdapter, mastodonAdapter, tableAdapter];

describe('social fixtures', () => {
  it('has the fixtures the format document promises', () => {
    expect(FIXTURES.filter((name) => name.startsWith('twitter-')).length).toBeGreaterThanOrEqual(9);
    expect(FIXTURES.filter((name) => name.startsWith('mastodon-')).length).toBeGreaterThanOrEqual(5);
    expect(FIXTURES.filter((name) => name.startsWith('table-')).length).toBeGreaterThanOrEqual(12);
  });

  describeFixtures(socialFixtures, {
    contract: { title: 'yields only valid RawItems and diagnostics of its format', terms: (name) => ({ format: adapterFor(name).format, file: `social/${name}` }) },
    more: (name) => {
      it("points each item's byte range at its record in the file", async () => {
        const bytes = fixtureBytes(name);
        const encoding = name.includes('latin1') ? 'latin1' : name.includes('unicode') ? 'utf16le' : 'utf8';
        for (const record of await fixtureRecords(name)) {
          if (isDiagnostic(record) || record.origin.offset === null || record.origin.length === null) continue;
          const slice = Buffer.from(bytes.subarray(record.origin.offset, record.origin.offset + record.origin.length)).toString(encoding);
          if (record.format === 'table') {
            const start = record.text.slice(0, 12).split(/["\r\n]/)[0] ?? '';
            expect(slice).toContain(start);
            expect(slice.endsWith('\n')).toBe(false);
          } else {
            const parsed = JSON.parse(slice) as { id: unknown };
            expect(String(parsed.id), record.externalId).toBe(record.extra['statusId'] ?? record.externalId.replace(/^twitter:/, ''));
          }
        }
      });
    },
  });

  it('detects each file as its format among all adapters, by content', () => {
    // Files with no posts at all (an API error, an empty file) are not claimed by these adapters.
    const notPosts = new Set(['twitter-error-response.json', 'mastodon-error.json', 'table-empty.csv']);
    for (const name of FIXTURES.filter((n) => !notPosts.has(n))) {
      const detection = detectFormat(ALL_ADAPTERS, fixtureBytes(name).subarray(0, 4096), 'upload.bin');
      expect(detection.adapter?.format, `${name}: ${JSON.stringify(detection.scores)}`).toBe(adapterFor(name).format);
    }
  });
});
