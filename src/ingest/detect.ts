import type { IngestFormat } from '../model/index.js';
import type { IngestAdapter } from './adapter.js';

export interface Detection {
  adapter: IngestAdapter | null;
  /** Every adapter's score, best first, for "which it chose and why". */
  scores: { format: IngestFormat; score: number }[];
}

/** Choose the adapter by content (the first bytes), the file name only breaking ties. */
export function detectFormat(adapters: readonly IngestAdapter[], head: Uint8Array, fileName: string): Detection {
  const scores = adapters.map((adapter) => ({ adapter, score: adapter.detect(head, fileName) })).sort((a, b) => b.score - a.score);
  const best = scores[0];
  return {
    adapter: best !== undefined && best.score >= 0.5 ? best.adapter : null,
    scores: scores.map((s) => ({ format: s.adapter.format, score: Math.round(s.score * 100) / 100 })),
  };
}
