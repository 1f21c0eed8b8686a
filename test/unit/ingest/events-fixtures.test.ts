import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DiagnosticRecord, RawItem, isDiagnostic } from '../../../src/model/index.js';
import { adapterFor, expectationPath, fixtureBytes, fixtureNames, fixtureOutput, parseEventBytes } from '../../fixtures/events/harness.js';

// Each fixture is a small ACLED or GDELT file with its expected records beside it
// (`<name>.expected.jsonl`); `npx tsx test/fixtures/events/regenerate.ts` rewrites them.
const FIXTURES = fixtureNames();

function expected(name: string): string[] {
  const path = expectationPath(name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run npx tsx test/fixtures/events/regenerate.ts ${name}`);
  return readFileSync(path, 'utf8').split('\n').filter((line) => line !== '');
}

describe('event-data fixtures', () => {
  it('has the fixtures the format document promises', () => {
    expect(FIXTURES.filter((name) => name.startsWith('acled-')).length).toBeGreaterThanOrEqual(12);
    expect(FIXTURES.filter((name) => name.startsWith('gdelt-')).length).toBeGreaterThanOrEqual(6);
  });

  for (const name of FIXTURES) {
    describe(name, () => {
      it('gives the expected items and diagnostics', async () => {
        expect(await fixtureOutput(name)).toEqual(expected(name));
      });

      it('gives the same output however the bytes are chunked', async () => {
        const whole = await fixtureOutput(name);
        for (const chunkSizes of [[1], [2], [7], [3, 1, 4, 1, 5, 9, 2, 6], [1000]]) {
          expect(await fixtureOutput(name, chunkSizes), `chunks of ${chunkSizes.join(',')}`).toEqual(whole);
        }
      });

      it('yields only valid RawItems and diagnostics of its format', async () => {
        const format = name.startsWith('acled-') ? 'acled' : 'gdelt';
        for (const record of await parseEventBytes(adapterFor(name), fixtureBytes(name), { file: `events/${name}` })) {
          if (isDiagnostic(record)) {
            expect(DiagnosticRecord.parse(record).ruleId).toMatch(new RegExp(`^${format}/[a-z0-9-]+$`));
            expect(record.ruleId).not.toBe(`${format}/internal-error`);
            expect(record.file).toBe(`events/${name}`);
          } else {
            expect(() => RawItem.parse(record)).not.toThrow();
            expect(record.format).toBe(format);
            expect(record.kind).toBe('reference-event');
          }
        }
      });

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
    });
  }
});
