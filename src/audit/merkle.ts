import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 6962 §2.1 (kept as is in RFC 9162 §2.1): SHA-256, leaves and inner nodes
 * told apart by a prefix byte so that no leaf can pose as a node (second-preimage attacks), and a
 * tree of n leaves split at the largest power of two below n. Pure functions over leaf hashes;
 * sizes and indexes are ordinary numbers (exact far past any log this tool will keep).
 */

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** SHA-256(0x00 || entry bytes). */
export function leafHash(entry: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(entry).digest();
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The root of an empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** The largest power of two strictly below n (n ≥ 2): where RFC 6962 splits a tree of n leaves. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function checkSize(leaves: readonly Uint8Array[], size: number): void {
  if (!Number.isSafeInteger(size) || size < 0 || size > leaves.length) throw new RangeError(`tree size ${size} is not between 0 and ${leaves.length}`);
}

/** MTH(D[start:end]) over leaf hashes. */
function subtreeRoot(leaves: readonly Uint8Array[], start: number, end: number): Buffer {
  const n = end - start;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return Buffer.from(leaves[start] as Uint8Array);
  const k = splitPoint(n);
  return nodeHash(subtreeRoot(leaves, start, start + k), subtreeRoot(leaves, start + k, end));
}

/** The root of the tree made of the first `size` leaf hashes (all of them by default). */
export function merkleRoot(leaves: readonly Uint8Array[], size: number = leaves.length): Buffer {
  checkSize(leaves, size);
  return subtreeRoot(leaves, 0, size);
}

/** RFC 6962 §2.1.1 PATH(m, D[n]): the sibling hashes from leaf `index` up to the root of the first `size` leaves. */
export function inclusionProof(leaves: readonly Uint8Array[], index: number, size: number): Buffer[] {
  checkSize(leaves, size);
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const path = (m: number, start: number, end: number): Buffer[] => {
    const n = end - start;
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k ? [...path(m, start, start + k), subtreeRoot(leaves, start + k, end)] : [...path(m - k, start + k, end), subtreeRoot(leaves, start, start + k)];
  };
  return path(index, 0, size);
}

/** RFC 9162 §2.1.3.2: whether `proof` leads from `leaf` at `index` to `root` in a tree of `size`. */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 6962 §2.1.2 PROOF(m, D[n]): what shows that the tree of `first` leaves is a prefix of the tree of `second`. */
export function consistencyProof(leaves: readonly Uint8Array[], first: number, second: number): Buffer[] {
  checkSize(leaves, second);
  if (!Number.isSafeInteger(first) || first < 0 || first > second) throw new RangeError(`size ${first} is not between 0 and ${second}`);
  if (first === 0 || first === second) return [];
  const subproof = (m: number, start: number, end: number, whole: boolean): Buffer[] => {
    const n = end - start;
    if (m === n) return whole ? [] : [subtreeRoot(leaves, start, end)];
    const k = splitPoint(n);
    return m <= k
      ? [...subproof(m, start, start + k, whole), subtreeRoot(leaves, start + k, end)]
      : [...subproof(m - k, start + k, end, false), subtreeRoot(leaves, start, start + k)];
  };
  return subproof(first, 0, second, true);
}

/** RFC 9162 §2.1.4.2: whether `proof` shows the tree of `first` leaves (`firstRoot`) is a prefix of the one of `second` (`secondRoot`). */
export function verifyConsistency(first: number, second: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) return false;
  if (first === second) return proof.length === 0 && Buffer.from(firstRoot).equals(secondRoot);
  // Every tree extends the empty one; RFC 9162 leaves size 0 out of its proofs.
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = [...proof];
  if (splitPoint(first + 1) === first) path.unshift(firstRoot);
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Buffer = Buffer.from(path[0] as Uint8Array);
  let sr: Buffer = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

/**
 * The roots of a growing log, one leaf at a time, in O(log n) each: the hashes of the perfect
 * subtrees that the binary digits of n name (a "compact range"), folded right to left, which is
 * MTH of the RFC for any n. Verification uses it to check every signed head in one pass.
 */
export class CompactRange {
  /** Perfect subtree roots, largest first, with their sizes. */
  private readonly peaks: { size: number; hash: Buffer }[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(leaf: Uint8Array): void {
    let peak: { size: number; hash: Buffer } = { size: 1, hash: Buffer.from(leaf) };
    for (let top = this.peaks.at(-1); top?.size === peak.size; top = this.peaks.at(-1)) {
      this.peaks.pop();
      peak = { size: top.size * 2, hash: nodeHash(top.hash, peak.hash) };
    }
    this.peaks.push(peak);
    this.count += 1;
  }

  root(): Buffer {
    const last = this.peaks.at(-1);
    if (last === undefined) return EMPTY_ROOT;
    let hash = last.hash;
    for (let i = this.peaks.length - 2; i >= 0; i--) hash = nodeHash((this.peaks[i] as { hash: Buffer }).hash, hash);
    return hash;
  }
}
