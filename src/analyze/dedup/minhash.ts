import type { FoldedText } from './fold.js';

/**
 * Text signatures for near-duplicate search: MinHash over word shingles (Broder 1997) with
 * banded locality-sensitive hashing (Leskovec, Rajaraman & Ullman, "Mining of Massive
 * Datasets", ch. 3), and, for comparison, Charikar's SimHash over the same shingles.
 */

/** murmur3's 32-bit finaliser: a bijection on 32 bits that mixes every input bit into every output bit. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, then mixed. */
export function hashWord(word: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/**
 * The 32-bit hashes of the text's word k-grams, each once. A text shorter than k words gives
 * one shingle of all its words; an empty text gives none.
 */
export function shingleHashes(words: readonly string[], size: number): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  const wordHashes = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) wordHashes[i] = hashWord(words[i] ?? '');
  const count = Math.max(1, words.length - size + 1);
  const width = Math.min(size, words.length);
  const out = new Uint32Array(count);
  for (let start = 0; start < count; start++) {
    let h = 0x9e3779b9;
    for (let k = 0; k < width; k++) h = mix32(Math.imul(h ^ (wordHashes[start + k] ?? 0), 0x27d4eb2f) + k);
    out[start] = h;
  }
  // Each shingle once: sorted, repeats dropped.
  out.sort();
  let unique = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[unique++] = out[i] ?? 0;
  return out.subarray(0, unique);
}

/** One seed per MinHash function, fixed so that signatures are the same on every run and machine. */
function seeds(count: number): Uint32Array {
  const out = new Uint32Array(count);
  let state = 0x2545f491;
  for (let i = 0; i < count; i++) {
    state = mix32(state + 0x9e3779b9);
    out[i] = state;
  }
  return out;
}

const SEED_CACHE = new Map<number, Uint32Array>();

/**
 * The MinHash signature: for each of `length` hash functions (x ↦ mix32(x ⊕ seedᵢ), each a
 * bijection, so each is a random permutation of the shingle space), the least value over the
 * text's shingles. Two signatures agree at a position with probability equal to the Jaccard
 * similarity of the shingle sets.
 */
export function minHashSignature(shingles: Uint32Array, length: number, into: Uint32Array = new Uint32Array(length)): Uint32Array {
  let functionSeeds = SEED_CACHE.get(length);
  if (functionSeeds === undefined) {
    functionSeeds = seeds(length);
    SEED_CACHE.set(length, functionSeeds);
  }
  into.fill(0xffffffff);
  for (const shingle of shingles) {
    for (let i = 0; i < length; i++) {
      const value = mix32(shingle ^ (functionSeeds[i] ?? 0));
      if (value < (into[i] ?? 0)) into[i] = value;
    }
  }
  return into;
}

/** The share of positions where two signatures (of one length, at the given offsets) agree: an estimate of Jaccard similarity. */
export function estimatedJaccard(a: Uint32Array, aOffset: number, b: Uint32Array, bOffset: number, length: number): number {
  let same = 0;
  for (let i = 0; i < length; i++) if (a[aOffset + i] === b[bOffset + i]) same++;
  return same / length;
}

/** The exact Jaccard similarity of two shingle sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  const smaller = a.length <= b.length ? a : b;
  const larger = new Set(a.length <= b.length ? b : a);
  let common = 0;
  for (const value of smaller) if (larger.has(value)) common++;
  return common / (a.length + b.length - common);
}

/** The LSH key of band `band` (rows `rows` wide) of a signature stored at `offset`. */
export function bandKey(signature: Uint32Array, offset: number, band: number, rows: number): number {
  let h = mix32(band + 1);
  for (let r = 0; r < rows; r++) h = mix32(Math.imul(h, 0x01000193) ^ (signature[offset + band * rows + r] ?? 0));
  return h;
}

/**
 * A hash of the folded text for exact matching, as a 53-bit integer (two 32-bit hashes with
 * different seeds): collisions are negligible at the sizes a case holds.
 */
export function exactTextHash(folded: FoldedText): number {
  const high = hashWord(folded.text, 0x811c9dc5) & 0x1fffff;
  const low = hashWord(folded.text, 0x01000193);
  return high * 0x100000000 + low;
}

/** Charikar's 64-bit SimHash over the shingles, as 16 hex digits. */
export function simHash64(shingles: Uint32Array): string {
  const weights = new Int32Array(64);
  for (const shingle of shingles) {
    const high = mix32(shingle ^ 0x5bd1e995);
    const low = mix32(shingle ^ 0x1b873593);
    for (let bit = 0; bit < 32; bit++) {
      weights[bit] = (weights[bit] ?? 0) + ((high >>> (31 - bit)) & 1 ? 1 : -1);
      weights[32 + bit] = (weights[32 + bit] ?? 0) + ((low >>> (31 - bit)) & 1 ? 1 : -1);
    }
  }
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit++) {
    if ((weights[bit] ?? 0) > 0) high |= 1 << (31 - bit);
    if ((weights[32 + bit] ?? 0) > 0) low |= 1 << (31 - bit);
  }
  return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}
