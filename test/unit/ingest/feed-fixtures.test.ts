import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DiagnosticRecord, RawItem, isDiagnostic } from '../../../src/model/index.js';
import { expectationPath, fixtureBytes, fixtureNames, fixtureOutput, parseFeedBytes } from '../../fixtures/feed/harness.js';

// Each fixture is a small feed in a real format with its expected records beside it
// (`<name>.expected.jsonl`); `npx tsx test/fixtures/feed/regenerate.ts` rewrites them.
const FIXTURES = fixtureNames();

function expected(name: string): string[] {
  const path = expectationPath(name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run npx tsx test/fixtures/feed/regenerate.ts ${name}`);
  return readFileSync(path, 'utf8').split('\n').filter((line) => line !== '');
}

describe('feed fixtures', () => {
  it('has the fixtures the format document promises', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(18);
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

      it('yields only valid RawItems and feed diagnostics', async () => {
        for (const record of await parseFeedBytes(fixtureBytes(name), { file: `feed/${name}` })) {
          if (isDiagnostic(record)) {
            expect(DiagnosticRecord.parse(record).ruleId).toMatch(/^feed\/[a-z0-9-]+$/);
            expect(record.file).toBe(`feed/${name}`);
          } else {
            expect(() => RawItem.parse(record)).not.toThrow();
          }
        }
      });

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
    });
  }
});
