import { describe, expect, it } from 'vitest';
import { isDiagnostic } from '../../../src/model/index.js';
import { fixtureBytes, fixturePath, parseWhatsAppBytes, whatsappFixtures } from '../../fixtures/whatsapp/harness.js';
import { describeFixtures } from '../../helpers/fixture-tests.js';

// Each fixture is a small export in a real WhatsApp layout with its expected records beside it
// (`<name>.expected.jsonl`); `npx tsx test/fixtures/whatsapp/regenerate.ts` rewrites them, and
// `make-zips.ts` rebuilds the zips from the text fixtures.
const FIXTURES = whatsappFixtures.names();

describe('WhatsApp fixtures', () => {
  it('has the fixtures the format document promises', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(15);
    expect(FIXTURES.filter((name) => name.endsWith('.zip')).length).toBeGreaterThanOrEqual(4);
  });

  describeFixtures(whatsappFixtures, {
    contract: { title: 'yields only valid RawItems and whatsapp diagnostics', terms: (name) => ({ format: 'whatsapp', file: `whatsapp/${name}` }) },
    more: (name) => {
      if (name.endsWith('.zip')) return;
      it("points each item's byte range at its lines in the file", async () => {
        const bytes = fixtureBytes(name);
        const records = await parseWhatsAppBytes(bytes, { path: fixturePath(name) });
        for (const record of records) {
          if (isDiagnostic(record) || record.origin.offset === null || record.origin.length === null) continue;
          const span = Buffer.from(bytes.subarray(record.origin.offset, record.origin.offset + record.origin.length)).toString('utf8');
          // The first line of the span is the message's timestamp line; the span ends at its last line.
          expect(span).toMatch(/^\u200e?\[?\d/);
          expect(span).not.toMatch(/\r?\n$/);
          const line = Number(record.origin.location.split(':')[0]);
          const before = Buffer.from(bytes.subarray(0, record.origin.offset)).toString('utf8');
          expect(before.split('\n').length).toBe(line);
        }
      });
    },
  });
});
