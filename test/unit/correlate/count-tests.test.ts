import { describe, expect, it } from 'vitest';
import {
  negativeBinomialLowerTail,
  negativeBinomialUpperTail,
  poissonLowerTail,
  poissonUpperTail,
  rateRatioInterval,
  regularizedGamma,
} from '../../../src/correlate/index.js';

// References summed term by term, in log space, with log-factorials built by addition: nothing
// here shares code with the incomplete gamma and beta functions under test.
function logFactorial(n: number): number {
  let sum = 0;
  for (let i = 2; i <= n; i++) sum += Math.log(i);
  return sum;
}

/** Sum of positive terms, smallest first, for full double precision. */
function sumSmallestFirst(terms: number[]): number {
  return [...terms].sort((a, b) => a - b).reduce((sum, term) => sum + term, 0);
}

function poissonTerm(i: number, mean: number): number {
  return Math.exp(-mean + i * Math.log(mean) - logFactorial(i));
}

function referenceLower(k: number, mean: number): number {
  return sumSmallestFirst(Array.from({ length: k + 1 }, (_, i) => poissonTerm(i, mean)));
}

function referenceUpper(k: number, mean: number): number {
  const terms: number[] = [];
  for (let i = k; i < k + 2000; i++) terms.push(poissonTerm(i, mean));
  return sumSmallestFirst(terms);
}

/** Negative binomial with a whole-number size r: P(X = k) = C(k + r − 1, k) p^r (1 − p)^k. */
function negativeBinomialTerm(k: number, mean: number, size: number): number {
  const p = size / (size + mean);
  return Math.exp(logFactorial(k + size - 1) - logFactorial(size - 1) - logFactorial(k) + size * Math.log(p) + k * Math.log(1 - p));
}

function expectRelative(actual: number, reference: number, tolerance = 1e-12): void {
  expect(Math.abs(actual - reference) / reference).toBeLessThan(tolerance);
}

describe('Poisson tails', () => {
  it('gives e^-41 for no posts where 41 were expected', () => {
    expectRelative(poissonLowerTail(0, 41), Math.exp(-41));
    expectRelative(poissonLowerTail(0, 144.5), Math.exp(-144.5));
  });

  it('matches a term-by-term sum in the small lower tails a silence test lives in', () => {
    for (const [k, mean] of [
      [3, 20],
      [10, 10],
      [50, 100],
      [0, 0.001],
      [200, 150],
      [5, 300],
    ] as const) {
      expectRelative(poissonLowerTail(k, mean), referenceLower(k, mean));
    }
  });

  it('matches a term-by-term sum in the upper tails a burst test lives in', () => {
    for (const [k, mean] of [
      [30, 6],
      [10, 10],
      [150, 100],
      [40, 1.5],
      [2, 7],
    ] as const) {
      expectRelative(poissonUpperTail(k, mean), referenceUpper(k, mean));
    }
    expectRelative(poissonUpperTail(1, 0.5), -Math.expm1(-0.5));
    expect(poissonUpperTail(0, 12)).toBe(1);
  });

  it('keeps P and Q complementary on both sides of the switch between series and continued fraction', () => {
    for (const [a, x] of [
      [5, 5.9],
      [5, 6.1],
      [0.3, 2],
      [1000, 1001],
      [1000, 950],
    ] as const) {
      const { lower, upper } = regularizedGamma(a, x);
      expect(lower + upper).toBeCloseTo(1, 14);
    }
  });
});

describe('negative binomial tails', () => {
  it('matches a term-by-term sum (size 5, mean 10)', () => {
    expectRelative(negativeBinomialLowerTail(2, 10, 5), sumSmallestFirst([0, 1, 2].map((k) => negativeBinomialTerm(k, 10, 5))));
    const upperTerms = Array.from({ length: 3000 }, (_, i) => negativeBinomialTerm(40 + i, 10, 5));
    expectRelative(negativeBinomialUpperTail(40, 10, 5), sumSmallestFirst(upperTerms), 1e-11);
  });

  it('is wider than the Poisson with the same mean, and becomes it as the size grows', () => {
    expect(negativeBinomialLowerTail(0, 41, 20)).toBeGreaterThan(poissonLowerTail(0, 41) * 1e6);
    expect(negativeBinomialUpperTail(30, 6, 10)).toBeGreaterThan(poissonUpperTail(30, 6));
    expectRelative(negativeBinomialLowerTail(3, 20, 1e10), poissonLowerTail(3, 20), 1e-6);
    expectRelative(negativeBinomialUpperTail(30, 6, 1e10), poissonUpperTail(30, 6), 1e-6);
  });
});

describe('rate ratio interval', () => {
  it('gives the exact (Garwood) Poisson limits', () => {
    const ten = rateRatioInterval(10, 1, 0.95);
    expect(ten.lower).toBeCloseTo(4.795389, 5);
    expect(ten.upper).toBeCloseTo(18.390356, 5);
    const one = rateRatioInterval(1, 1, 0.95);
    expect(one.lower).toBeCloseTo(-Math.log(0.975), 9);
    expect(one.upper).toBeCloseTo(5.571643, 5);
  });

  it('runs from 0 when nothing was seen, up to −ln(α/2)/E', () => {
    const none = rateRatioInterval(0, 41, 0.95);
    expect(none.lower).toBe(0);
    expect(none.upper).toBeCloseTo(-Math.log(0.025) / 41, 10);
  });

  it('widens with the dispersion', () => {
    const plain = rateRatioInterval(20, 10, 0.95);
    const wide = rateRatioInterval(20, 10, 0.95, 3);
    expect(wide.lower).toBeLessThan(plain.lower);
    expect(wide.upper).toBeGreaterThan(plain.upper);
  });
});
