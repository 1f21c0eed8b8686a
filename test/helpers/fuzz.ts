/**
 * What the fuzz tests of every adapter share: the ways bytes arrive (cut at arbitrary positions,
 * or in small chunks that split UTF-8 sequences) and the chunk sizes that deliver them.
 */
import fc from 'fast-check';

/** How the bytes arrive: cut at arbitrary positions, or in small chunks (sizes cycled) that split UTF-8 sequences. */
export type Chunking = { readonly cuts: readonly number[] } | { readonly sizes: readonly number[] };

/** Up to `maxCuts` cuts below `maxCut`, or chunks of 1 to 7 bytes. */
export function arbitraryChunking({ maxCut, maxCuts }: { readonly maxCut: number; readonly maxCuts: number }): fc.Arbitrary<Chunking> {
  return fc.oneof(
    fc.array(fc.integer({ min: 1, max: maxCut }), { minLength: 1, maxLength: maxCuts }).map((cuts) => ({ cuts })),
    fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 4 }).map((sizes) => ({ sizes })),
  );
}

/** The chunk sizes (cycled) that deliver `length` bytes as `how` says. */
export function chunkSizes(length: number, how: Chunking): readonly number[] {
  if ('sizes' in how) return how.sizes;
  const sizes: number[] = [];
  let from = 0;
  for (const cut of [...how.cuts].sort((a, b) => a - b)) {
    if (cut <= from || cut >= length) continue;
    sizes.push(cut - from);
    from = cut;
  }
  sizes.push(Math.max(1, length - from));
  return sizes;
}

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A fixture damaged as files get damaged: bytes overwritten, tokens of the format thrown in, cut short (positions as fractions of the length). */
export interface Damage {
  /** Which fixture, by index. */
  readonly fixture: number;
  readonly cutAt: number | undefined;
  readonly flips: readonly (readonly [at: number, value: number])[];
  readonly inserts: readonly (readonly [at: number, token: string])[];
}

export function arbitraryDamage(fixtures: number, tokens: readonly string[], limits: { readonly maxFlips: number; readonly maxInserts: number }): fc.Arbitrary<Damage> {
  const fraction = fc.double({ min: 0, max: 1, noNaN: true });
  return fc.record({
    fixture: fc.integer({ min: 0, max: fixtures - 1 }),
    cutAt: fc.option(fraction, { nil: undefined }),
    flips: fc.array(fc.tuple(fraction, fc.integer({ min: 0, max: 255 })), { maxLength: limits.maxFlips }),
    inserts: fc.array(fc.tuple(fraction, fc.constantFrom(...tokens)), { maxLength: limits.maxInserts }),
  });
}

/** The bytes with the damage done: flips first, then insertions, then the cut. */
export function damaged(original: Uint8Array, { cutAt, flips, inserts }: Damage): Buffer {
  let bytes = Buffer.from(original);
  for (const [at, value] of flips) bytes[Math.floor(at * (bytes.length - 1))] = value;
  for (const [at, token] of inserts) {
    const i = Math.floor(at * bytes.length);
    bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(token), bytes.subarray(i)]);
  }
  if (cutAt !== undefined) bytes = bytes.subarray(0, Math.floor(cutAt * bytes.length));
  return bytes;
}
