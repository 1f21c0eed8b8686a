import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../../src/audit/index.js';

describe('canonical JSON', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'é' } })).toBe('{"a":{"c":"é","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('sorts by UTF-16 code units, as RFC 8785 does, so upper case comes before lower case', () => {
    expect(canonicalJson({ b: 0, B: 0, a: 0, é: 0, '10': 0, '9': 0 })).toBe('{"10":0,"9":0,"B":0,"a":0,"b":0,"é":0}');
  });

  it('leaves out undefined fields and refuses what JSON cannot say', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
  });

  it('property: the same value in any key order gives the same bytes, and parses back to the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(text);
        const shuffled: unknown = JSON.parse(JSON.stringify(value), (_k, v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v));
        expect(canonicalJson(shuffled)).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('hashes to lower-case hex SHA-256', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(canonicalJson({ b: 1, a: 2 }))).toBe(sha256Hex('{"a":2,"b":1}'));
  });
});
