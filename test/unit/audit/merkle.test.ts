import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactRange, EMPTY_ROOT, consistencyProof, inclusionProof, leafHash, merkleRoot, nodeHash, verifyConsistency, verifyInclusion } from '../../../src/audit/index.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

// The Certificate Transparency reference inputs and the root for each size 1..8 (RFC 6962 test
// vectors, as the CT and transparency-dev implementations carry them).
const CT_ENTRIES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_LEAVES = CT_ENTRIES.map((e) => leafHash(e));

/** Leaf hashes of `n` distinct small entries. */
const leavesOf = (n: number): Buffer[] => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));

describe('Merkle tree (RFC 6962 / RFC 9162)', () => {
  it('hashes leaves and nodes with their prefix bytes', () => {
    const entry = Buffer.from('{"seq":0}');
    expect(leafHash(entry).equals(sha256(Buffer.from([0]), entry))).toBe(true);
    const [a, b] = [leafHash(Buffer.from('a')), leafHash(Buffer.from('b'))];
    expect(nodeHash(a, b).equals(sha256(Buffer.from([1]), a, b))).toBe(true);
    expect(hex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('gives the reference roots for every size 1 to 8', () => {
    expect(merkleRoot([])).toEqual(EMPTY_ROOT);
    for (let n = 1; n <= 8; n++) expect(hex(merkleRoot(CT_LEAVES, n)), `size ${n}`).toBe(CT_ROOTS[n - 1]);
  });

  it('splits a tree of 3, 5 and 7 at the largest power of two below it, not the middle', () => {
    const [l0, l1, l2, l3, l4, l5, l6] = leavesOf(7) as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
    expect(merkleRoot([l0, l1, l2])).toEqual(nodeHash(nodeHash(l0, l1), l2));
    const four = nodeHash(nodeHash(l0, l1), nodeHash(l2, l3));
    expect(merkleRoot([l0, l1, l2, l3, l4])).toEqual(nodeHash(four, l4));
    expect(merkleRoot([l0, l1, l2, l3, l4, l5, l6])).toEqual(nodeHash(four, nodeHash(nodeHash(l4, l5), l6)));
  });

  it('gives the reference audit paths for leaves 0 and 5 of the tree of 8', () => {
    expect(inclusionProof(CT_LEAVES, 0, 8).map(hex)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(inclusionProof(CT_LEAVES, 5, 8).map(hex)).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    // The path of leaf 2 in the tree of 3, by hand: its sibling is the subtree of leaves 0 and 1.
    expect(inclusionProof(CT_LEAVES, 2, 3)).toEqual([nodeHash(CT_LEAVES[0] as Buffer, CT_LEAVES[1] as Buffer)]);
    expect(inclusionProof(CT_LEAVES, 0, 1)).toEqual([]);
  });

  it('verifies every leaf’s proof in every tree size up to 40, and none for another leaf, index or root', () => {
    const leaves = leavesOf(40);
    for (let n = 1; n <= leaves.length; n++) {
      const root = merkleRoot(leaves, n);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(leaves, i, n);
        const leaf = leaves[i] as Buffer;
        expect(verifyInclusion(leaf, i, n, proof, root)).toBe(true);
        expect(verifyInclusion(leafHash(Buffer.from('forged')), i, n, proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion(leaf, (i + 1) % n, n, proof, root)).toBe(false);
        expect(verifyInclusion(leaf, i, n, proof, merkleRoot(leaves, n === 1 ? 2 : n - 1))).toBe(false);
      }
    }
  });

  it('rejects an index outside the tree and a proof with a hash added or dropped', () => {
    const leaves = leavesOf(6);
    const root = merkleRoot(leaves);
    const proof = inclusionProof(leaves, 4, 6);
    expect(() => inclusionProof(leaves, 6, 6)).toThrow(RangeError);
    expect(verifyInclusion(leaves[4] as Buffer, 6, 6, proof, root)).toBe(false);
    expect(verifyInclusion(leaves[4] as Buffer, -1, 6, proof, root)).toBe(false);
    expect(verifyInclusion(leaves[4] as Buffer, 4, 6, [...proof, root], root)).toBe(false);
    expect(verifyInclusion(leaves[4] as Buffer, 4, 6, proof.slice(1), root)).toBe(false);
  });

  it('property: a proof verifies for its own leaf only; a changed leaf, sibling or index fails', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((n) => fc.tuple(fc.constant(n), fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 }), fc.nat(), fc.integer({ min: 0, max: 255 }))),
        ([n, i, j, which, byte]) => {
          const leaves = leavesOf(n);
          const root = merkleRoot(leaves);
          const proof = inclusionProof(leaves, i, n);
          expect(verifyInclusion(leaves[i] as Buffer, i, n, proof, root)).toBe(true);
          if (j !== i) {
            expect(verifyInclusion(leaves[j] as Buffer, i, n, proof, root)).toBe(false);
            expect(verifyInclusion(leaves[i] as Buffer, j, n, proof, root)).toBe(false);
          }
          if (proof.length > 0) {
            const bent = proof.map((p) => Buffer.from(p));
            const target = bent[which % bent.length] as Buffer;
            target[byte % 32] = (target[byte % 32] ?? 0) ^ 0x01;
            expect(verifyInclusion(leaves[i] as Buffer, i, n, bent, root)).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('proves that a smaller tree is a prefix of a larger one, and fails for a tree that was changed', () => {
    const leaves = leavesOf(33);
    for (let second = 1; second <= leaves.length; second++) {
      for (let first = 1; first <= second; first++) {
        const proof = consistencyProof(leaves, first, second);
        expect(verifyConsistency(first, second, merkleRoot(leaves, first), merkleRoot(leaves, second), proof), `${first} → ${second}`).toBe(true);
        if (first < second) {
          const rewritten = [...leaves.slice(0, first - 1), leafHash(Buffer.from('rewritten')), ...leaves.slice(first)];
          expect(verifyConsistency(first, second, merkleRoot(leaves, first), merkleRoot(rewritten, second), proof)).toBe(false);
          expect(verifyConsistency(first, second, merkleRoot(rewritten, first), merkleRoot(leaves, second), proof)).toBe(false);
        }
      }
    }
    expect(verifyConsistency(0, 5, EMPTY_ROOT, merkleRoot(leaves, 5), [])).toBe(true);
    expect(verifyConsistency(3, 2, merkleRoot(leaves, 3), merkleRoot(leaves, 2), [])).toBe(false);
  });

  it('property: a consistency proof with any hash changed fails', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 200 }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n - 1 }), fc.constant(n), fc.nat(), fc.integer({ min: 0, max: 31 }))),
        ([first, second, which, byte]) => {
          const leaves = leavesOf(second);
          const proof = consistencyProof(leaves, first, second).map((p) => Buffer.from(p));
          const [a, b] = [merkleRoot(leaves, first), merkleRoot(leaves, second)];
          expect(verifyConsistency(first, second, a, b, proof)).toBe(true);
          const target = proof[which % proof.length] as Buffer;
          target[byte] = (target[byte] ?? 0) ^ 0x80;
          expect(verifyConsistency(first, second, a, b, proof)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the root of a growing log leaf by leaf, equal to the root computed whole', () => {
    const leaves = leavesOf(70);
    const range = new CompactRange();
    expect(range.root()).toEqual(EMPTY_ROOT);
    for (const [i, leaf] of leaves.entries()) {
      range.push(leaf);
      expect(range.size).toBe(i + 1);
      expect(range.root().equals(merkleRoot(leaves, i + 1)), `size ${i + 1}`).toBe(true);
    }
  });
});
