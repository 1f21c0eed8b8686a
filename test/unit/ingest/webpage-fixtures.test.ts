import { describe, expect, it } from 'vitest';
import { detectWebpage } from '../../../src/ingest/webpage/index.js';
import type { RawItem } from '../../../src/model/index.js';
import { fixtureBytes, webpageFixtures } from '../../fixtures/webpage/harness.js';
import { describeFixtures } from '../../helpers/fixture-tests.js';

// Each fixture is a small page (or WACZ) in a real format with its expected records beside it
// (`<name>.expected.jsonl`); `npx tsx test/fixtures/webpage/regenerate.ts` rewrites them, and
// `make-wacz.ts` rebuilds the archives from the pages.
const FIXTURES = webpageFixtures.names();
const expectedLines = (name: string): string[] => webpageFixtures.expected(name).split('\n').filter((line) => line !== '');

describe('webpage fixtures', () => {
  it('has the fixtures the format document promises', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(13);
  });

  describeFixtures(webpageFixtures, {
    // An archive read from a stream (no file on disk) must read as it does from the file.
    chunked: { path: null },
    contract: {
      title: 'yields only valid RawItems and webpage diagnostics',
      options: { path: null },
      terms: (name) => ({ format: 'webpage', file: `webpage/${name}`, noInternalError: true }),
    },
  });

  it('never takes the capture time for the publication time', () => {
    const lines = expectedLines('browsertrix-sin-firma.wacz').map((line) => JSON.parse(line) as { item?: RawItem });
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
