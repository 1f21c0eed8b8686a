import { createHmac } from 'node:crypto';
import type { Pseudonymizer } from '../model/index.js';

/**
 * Keyed pseudonyms (HMAC-SHA256 with the workspace's secret key): stable within a workspace so
 * that "the same sender" stays visible, but not reversible without the key, and different in
 * another workspace. A plain hash of a phone number would be reversible by enumeration.
 */
export function keyedPseudonymizer(key: Uint8Array): Pseudonymizer {
  const cache = new Map<string, string>();
  return {
    pseudonym(kind: string, value: string): string {
      const cacheKey = `${kind}\u0000${value}`;
      let out = cache.get(cacheKey);
      if (out === undefined) {
        const digest = createHmac('sha256', key).update(cacheKey).digest('hex');
        out = `persona-${digest.slice(0, 12)}`;
        if (cache.size < 100_000) cache.set(cacheKey, out);
      }
      return out;
    },
  };
}
