import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectWebpage } from '../../../src/ingest/webpage/index.js';
import { DiagnosticRecord, RawItem, isDiagnostic } from '../../../src/model/index.js';
import { expectationPath, fixtureBytes, fixtureNames, fixtureOutput, parseWebpageBytes } from '../../fixtures/webpage/harness.js';

// Each fixture is a small page (or WACZ) in a real format with its expected records beside it
// (`<name>.expected.jsonl`); `npx tsx test/fixtures/webpage/regenerate.ts` rewrites them, and
// `make-wacz.ts` rebuilds the archives from the pages.
const FIXTURES = fixtureNames();

function expected(name: string): string[] {
  const path = expectationPath(name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run npx tsx test/fixtures/webpage/regenerate.ts ${name}`);
  return readFileSync(path, 'utf8').split('\n').filter((line) => line !== '');
}

describe('webpage fixtures', () => {
  it('has the fixtures the format document promises', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(13);
  });

  for (const name of FIXTURES) {
    describe(name, () => {
      it('gives the expected items and diagnostics', async () => {
        expect(await fixtureOutput(name)).toEqual(expected(name));
      });

      it('gives the same output however the bytes are chunked', async () => {
        const whole = await fixtureOutput(name);
        for (const chunkSizes of [[1], [7], [3, 1, 4, 1, 5, 9, 2, 6], [1000]]) {
          // An archive read from a stream (no file on disk) must read as it does from the file.
          expect(await fixtureOutput(name, { chunkSizes, streamOnly: true }), `chunks of ${chunkSizes.join(',')}`).toEqual(whole);
        }
      });

      it('yields only valid RawItems and webpage diagnostics', async () => {
        for (const record of await parseWebpageBytes(fixtureBytes(name), { file: `webpage/${name}` })) {
          if (isDiagnostic(record)) {
            expect(DiagnosticRecord.parse(record).ruleId).toMatch(/^webpage\/[a-z0-9-]+$/);
            expect(record.ruleId).not.toBe('webpage/internal-error');
            expect(record.file).toBe(`webpage/${name}`);
          } else {
            expect(() => RawItem.parse(record)).not.toThrow();
            expect(record.format).toBe('webpage');
          }
        }
      });
    });
  }

  it('never takes the capture time for the publication time', () => {
    const lines = expected('browsertrix-sin-firma.wacz').map((line) => JSON.parse(line) as { item?: RawItem });
    const item = lines.find((line) => line.item !== undefined)?.item;
    expect(item?.time).toBe('2026-03-06T22:15:00Z');
    expect((item?.extra['captured'] as { at: string }).at).toBe('2026-03-07T02:00:00Z');
  });

  it('detects pages and archives by their content, not their name', () => {
    for (const name of FIXTURES) {
      const head = fixtureBytes(name).subarray(0, 4096);
      const score = detectWebpage(head, name);
      if (name === 'imagen-renombrada.html') expect(score, name).toBeLessThan(0.5);
      else expect(score, name).toBeGreaterThanOrEqual(0.9);
      // A renamed file is still what its content says.
      expect(detectWebpage(head, 'renombrado.txt') >= 0.5, name).toBe(score >= 0.5);
    }
    expect(detectWebpage(new TextEncoder().encode('<?xml version="1.0"?><rss version="2.0"><channel>'), 'feed.xml')).toBe(0);
    expect(detectWebpage(new TextEncoder().encode('{"name": "Canal", "messages": []}'), 'result.json')).toBe(0);
    expect(detectWebpage(new TextEncoder().encode('\uFEFF  <!-- guardada -->\n<!DOCTYPE html><html>'), 'nota')).toBeGreaterThanOrEqual(0.9);
    // Any other ZIP is not a web archive unless it is named like one.
    const otherZip = Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x0a\x00\x00\x00_chat.txt', 'latin1');
    expect(detectWebpage(otherZip, 'export.zip')).toBeLessThan(0.5);
  });
});
