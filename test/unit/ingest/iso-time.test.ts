import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoFromUnixSeconds } from '../../../src/ingest/telegram/message.js';

describe('isoFromUnixSeconds', () => {
  it('agrees with Date for every second from 1970 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799 }), (s) => {
        expect(isoFromUnixSeconds(s)).toBe(new Date(s * 1000).toISOString().replace('.000Z', 'Z'));
      }),
      { numRuns: 20_000 },
    );
    for (const s of [0, 59, 86_399, 86_400, 951_782_400 /* 2000-02-29 */, 4_107_542_400 /* 2100-03-01 */, 253_402_300_799]) {
      expect(isoFromUnixSeconds(s)).toBe(new Date(s * 1000).toISOString().replace('.000Z', 'Z'));
    }
  });
});
