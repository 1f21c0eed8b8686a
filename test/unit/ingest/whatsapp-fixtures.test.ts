import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DiagnosticRecord, RawItem, isDiagnostic } from '../../../src/model/index.js';
import { expectationPath, fixtureBytes, fixtureNames, fixtureOutput, fixturePath, parseWhatsAppBytes } from '../../fixtures/whatsapp/harness.js';

// Each fixture is a small export in a real WhatsApp layout with its expected records beside it
// (`<name>.expected.jsonl`); `npx tsx test/fixtures/whatsapp/regenerate.ts` rewrites them, and
// `make-zips.ts` rebuilds the zips from the text fixtures.
const FIXTURES = fixtureNames();

function expected(name: string): string[] {
  const path = expectationPath(name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run npx tsx test/fixtures/whatsapp/regenerate.ts "${name}"`);
  return readFileSync(path, 'utf8').split('\n').filter((line) => line !== '');
}

describe('WhatsApp fixtures', () => {
  it('has the fixtures the format document promises', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(15);
    expect(FIXTURES.filter((name) => name.endsWith('.zip')).length).toBeGreaterThanOrEqual(4);
  });

  for (const name of FIXTURES) {
    describe(name, () => {
      it('gives the expected items and diagnostics', async () => {
        expect(await fixtureOutput(name)).toEqual(expected(name));
      });

      it('gives the same output however the bytes are chunked', async () => {
        const whole = await fixtureOutput(name);
        for (const chunkSizes of [[1], [7], [3, 1, 4, 1, 5, 9, 2, 6], [1000]]) {
          expect(await fixtureOutput(name, chunkSizes), `chunks of ${chunkSizes.join(',')}`).toEqual(whole);
        }
      });

      it('yields only valid RawItems and whatsapp diagnostics', async () => {
        for (const record of await parseWhatsAppBytes(fixtureBytes(name), { file: `whatsapp/${name}`, path: fixturePath(name) })) {
          if (isDiagnostic(record)) {
            expect(DiagnosticRecord.parse(record).ruleId).toMatch(/^whatsapp\/[a-z0-9-]+$/);
            expect(record.file).toBe(`whatsapp/${name}`);
          } else {
            expect(() => RawItem.parse(record)).not.toThrow();
            expect(record.format).toBe('whatsapp');
          }
        }
      });

      if (!name.endsWith('.zip')) {
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
      }
    });
  }
});
