/**
 * Tail probabilities of counts — Poisson and negative binomial — and the exact interval of a
 * Poisson rate ratio, from the regularized incomplete gamma and beta functions. Each function
 * returns the small side of a tail directly (never as 1 − something), so that p-values of
 * 1e-18 keep their digits.
 */

// Lanczos approximation, g = 7, nine coefficients (Godfrey; as in Numerical Recipes §6.1):
// relative error below 1e-15 for x > 0.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0] ?? 1;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] ?? 0) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const EPSILON = 1e-16;
const TINY = 1e-300;
// Both expansions need O(√a) terms near their switch point; this bound is far above that for any count a channel makes.
const MAX_TERMS = 1_000_000;

/** Lower and upper regularized incomplete gamma, P(a, x) and Q(a, x) = 1 − P(a, x). */
export interface GammaTails {
  lower: number;
  upper: number;
}

/**
 * P(a, x) and Q(a, x) for a ≥ 0, x ≥ 0: the series for x < a + 1, else the continued fraction
 * by the modified Lentz method (Numerical Recipes, 3rd ed., §6.2, gser and gcf).
 */
export function regularizedGamma(a: number, x: number): GammaTails {
  if (!(a >= 0) || !(x >= 0)) throw new RangeError(`regularizedGamma: a = ${a}, x = ${x} must be ≥ 0`);
  if (x === 0) return a === 0 ? { lower: 1, upper: 0 } : { lower: 0, upper: 1 };
  if (a === 0) return { lower: 1, upper: 0 };
  const front = Math.exp(-x + a * Math.log(x) - lnGamma(a));
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_TERMS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
    }
    const lower = Math.min(1, sum * front);
    return { lower, upper: 1 - lower };
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPSILON) break;
  }
  const upper = Math.min(1, front * h);
  return { lower: 1 - upper, upper };
}

/**
 * ln B(a, b). When one argument is large, lnΓ(L + s) − lnΓ(L) is taken from the difference of
 * Stirling's series, (L − ½)·log1p(s/L) + s·ln(L + s) − s + 1/12(L + s) − 1/12L, instead of
 * subtracting two huge, rounded numbers.
 */
function lnBeta(a: number, b: number): number {
  const large = Math.max(a, b);
  const small = Math.min(a, b);
  if (large < 1e6) return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  const lnGammaRatio = (large - 0.5) * Math.log1p(small / large) + small * Math.log(large + small) - small + 1 / (12 * (large + small)) - 1 / (12 * large);
  return lnGamma(small) - lnGammaRatio;
}

/** Continued fraction of the incomplete beta function (Numerical Recipes, 3rd ed., §6.4, betacf). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_TERMS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPSILON) break;
  }
  return h;
}

/**
 * I_x(a, b) and 1 − I_x(a, b) for a, b > 0; `y` is 1 − x, passed separately so that x near 1
 * keeps its precision. The side below the switch point is computed directly, the other by symmetry.
 */
export function regularizedBeta(x: number, a: number, b: number, y: number = 1 - x): { lower: number; upper: number } {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(y >= 0)) throw new RangeError(`regularizedBeta: x = ${x}, a = ${a}, b = ${b}`);
  if (x === 0) return { lower: 0, upper: 1 };
  if (y === 0) return { lower: 1, upper: 0 };
  // log1p of the other side keeps ln x exact when x is near 1 (a negative binomial of large size).
  const lnX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const lnY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  const front = Math.exp(a * lnX + b * lnY - lnBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) {
    const lower = Math.min(1, (front * betaContinuedFraction(a, b, x)) / a);
    return { lower, upper: 1 - lower };
  }
  const upper = Math.min(1, (front * betaContinuedFraction(b, a, y)) / b);
  return { lower: 1 - upper, upper };
}

function checkCount(observed: number, mean: number): void {
  if (!Number.isInteger(observed) || observed < 0) throw new RangeError(`a count must be a whole number ≥ 0, not ${observed}`);
  if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`an expected count must be finite and ≥ 0, not ${mean}`);
}

/** P(X ≤ observed) for X ~ Poisson(mean) = Q(observed + 1, mean). */
export function poissonLowerTail(observed: number, mean: number): number {
  checkCount(observed, mean);
  return regularizedGamma(observed + 1, mean).upper;
}

/** P(X ≥ observed) for X ~ Poisson(mean) = P(observed, mean). */
export function poissonUpperTail(observed: number, mean: number): number {
  checkCount(observed, mean);
  if (observed === 0) return 1;
  return regularizedGamma(observed, mean).lower;
}

/**
 * Negative binomial with mean `mean` and size `size` (variance mean + mean²/size): the
 * gamma–Poisson mixture. P(X ≤ k) = I_p(size, k + 1) with p = size / (size + mean).
 */
export function negativeBinomialLowerTail(observed: number, mean: number, size: number): number {
  checkCount(observed, mean);
  if (!(size > 0)) throw new RangeError(`negative binomial size must be > 0, not ${size}`);
  if (mean === 0) return 1;
  return regularizedBeta(size / (size + mean), size, observed + 1, mean / (size + mean)).lower;
}

/** P(X ≥ observed) for the negative binomial above = 1 − I_p(size, observed). */
export function negativeBinomialUpperTail(observed: number, mean: number, size: number): number {
  checkCount(observed, mean);
  if (!(size > 0)) throw new RangeError(`negative binomial size must be > 0, not ${size}`);
  if (observed === 0) return 1;
  if (mean === 0) return 0;
  return regularizedBeta(size / (size + mean), size, observed, mean / (size + mean)).upper;
}

/** The x with P(shape, x) = probability, by bisection on log x (P is monotone in x). */
export function gammaQuantile(shape: number, probability: number): number {
  if (!(shape > 0) || !(probability > 0 && probability < 1)) throw new RangeError(`gammaQuantile: shape = ${shape}, probability = ${probability}`);
  let high = Math.max(1, shape);
  while (regularizedGamma(shape, high).lower < probability) high *= 2;
  let low = high / 2;
  while (regularizedGamma(shape, low).lower > probability) {
    low /= 2;
    if (low < TINY) return 0;
  }
  for (let i = 0; i < 200 && high / low > 1 + 1e-14; i++) {
    const middle = Math.sqrt(low * high);
    if (regularizedGamma(shape, middle).lower < probability) low = middle;
    else high = middle;
  }
  return Math.sqrt(low * high);
}

/**
 * The interval of observed/expected at `level` (two-sided), exact for a Poisson count through
 * the chi-square–gamma relation (Garwood 1936; Ulm 1990): lower = G⁻¹(α/2; O) / E, upper =
 * G⁻¹(1 − α/2; O + 1) / E. With `dispersion` φ > 1 both counts are divided by φ first (the
 * quasi-Poisson scaling), which widens the interval.
 */
export function rateRatioInterval(observed: number, expected: number, level: number, dispersion = 1): { lower: number; upper: number } {
  checkCount(observed, expected);
  if (!(expected > 0)) throw new RangeError('the rate ratio needs an expected count > 0');
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be between 0 and 1, not ${level}`);
  if (!(dispersion >= 1)) throw new RangeError(`dispersion must be ≥ 1, not ${dispersion}`);
  const tail = (1 - level) / 2;
  const shape = observed / dispersion;
  const scaledExpected = expected / dispersion;
  const lower = observed === 0 ? 0 : gammaQuantile(shape, tail) / scaledExpected;
  const upper = gammaQuantile(shape + 1, 1 - tail) / scaledExpected;
  return { lower, upper };
}
