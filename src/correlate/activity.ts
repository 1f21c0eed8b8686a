import { DateTime, IANAZone } from 'luxon';
import { ActivityPolicy, type ActivityFinding, type ActivityKind, type ActivityPolicyInput, type ActivityTest } from '../model/index.js';
import {
  negativeBinomialLowerTail,
  negativeBinomialUpperTail,
  poissonLowerTail,
  poissonUpperTail,
  rateRatioInterval,
} from './count-tests.js';

/**
 * Channel activity around a claimed time: an hourly series, a baseline that follows the channel's
 * daily rhythm in the case's timezone, and one-sided count tests for a silence after the claimed
 * time and for a burst of chatter at it (docs/correlate/activity.md). Pure: times come in as ISO
 * 8601 strings with an offset or epoch milliseconds; nothing reads a clock.
 */

/** A post's time: ISO 8601 with an offset (`Z` or `±hh:mm`), or epoch milliseconds. */
export type PostTime = string | number;

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
// Every time zone in use today changes its offset on a quarter hour (Nepal +05:45), so a quarter
// hour is the step at which the local hour of the day is looked up.
const QUARTER = 900_000;
const MAX_SERIES_HOURS = 1_000_000;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Epoch milliseconds of a post time; a string without an offset is refused (its instant depends on who reads it). */
export function instantOf(time: PostTime, what = 'time'): number {
  if (typeof time === 'number') {
    if (!Number.isFinite(time)) throw new RangeError(`${what}: ${time} is not a time`);
    return time;
  }
  if (!ISO_WITH_OFFSET.test(time)) throw new RangeError(`${what}: "${time}" is not ISO 8601 with an offset (e.g. 2026-09-18T02:10:00-04:00)`);
  const parsed = DateTime.fromISO(time, { zone: 'utc' });
  if (!parsed.isValid) throw new RangeError(`${what}: "${time}" is not a time (${parsed.invalidExplanation ?? parsed.invalidReason})`);
  return parsed.toMillis();
}

function isoOf(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'utc' }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}

// ── Hourly series ─────────────────────────────────────────────────────────────────────────

/** Posts per UTC hour: `counts[i]` is the hour starting `from` + i h; `from`/`to` are whole UTC hours. */
export interface HourlySeries {
  from: string;
  to: string;
  counts: number[];
}

/** Counts per UTC hour bucket over [from, to), widened to whole hours; posts outside are left out. */
export function hourlySeries(times: readonly PostTime[], from: PostTime, to: PostTime): HourlySeries {
  const start = Math.floor(instantOf(from, 'from') / HOUR) * HOUR;
  const end = Math.ceil(instantOf(to, 'to') / HOUR) * HOUR;
  if (end < start) throw new RangeError('hourlySeries: to is before from');
  const hours = (end - start) / HOUR;
  if (hours > MAX_SERIES_HOURS) throw new RangeError(`hourlySeries: ${hours} hours is more than ${MAX_SERIES_HOURS}`);
  const counts = new Array<number>(hours).fill(0);
  for (const time of times) {
    const ms = instantOf(time);
    if (ms >= start && ms < end) {
      const bucket = Math.floor((ms - start) / HOUR);
      counts[bucket] = (counts[bucket] ?? 0) + 1;
    }
  }
  return { from: isoOf(start), to: isoOf(end), counts };
}

// ── Local hours ───────────────────────────────────────────────────────────────────────────

/** The hour of the day (0–23) in a zone, plus 24 on weekend days when weekends are split off. */
class RhythmClock {
  private readonly zone: IANAZone;
  private readonly offsets = new Map<number, number>();
  private readonly weekend: ReadonlySet<number>;

  constructor(
    readonly timezone: string,
    weekendDays: readonly number[],
    readonly splitWeekend: boolean,
  ) {
    if (!IANAZone.isValidZone(timezone)) throw new RangeError(`${timezone} is not an IANA timezone (e.g. America/Caracas)`);
    this.zone = IANAZone.create(timezone);
    this.weekend = new Set(weekendDays);
  }

  get classes(): number {
    return this.splitWeekend ? 48 : 24;
  }

  /** Offset from UTC in ms, looked up once per quarter hour. */
  private offsetAt(ms: number): number {
    const quarter = Math.floor(ms / QUARTER);
    let offset = this.offsets.get(quarter);
    if (offset === undefined) {
      offset = this.zone.offset(quarter * QUARTER) * MINUTE;
      this.offsets.set(quarter, offset);
    }
    return offset;
  }

  classOf(ms: number): number {
    const local = ms + this.offsetAt(ms);
    const hour = Math.floor((((local % DAY) + DAY) % DAY) / HOUR);
    if (!this.splitWeekend) return hour;
    // 1970-01-01 was a Thursday (ISO weekday 4).
    const weekday = ((((Math.floor(local / DAY) + 3) % 7) + 7) % 7) + 1;
    return this.weekend.has(weekday) ? 24 + hour : hour;
  }

  /** Hours of [from, to) spent in each class, in quarter-hour pieces. */
  exposure(from: number, to: number): Float64Array {
    const hours = new Float64Array(this.classes);
    let start = from;
    while (start < to) {
      const end = Math.min(to, (Math.floor(start / QUARTER) + 1) * QUARTER);
      const index = this.classOf(start);
      hours[index] = (hours[index] ?? 0) + (end - start) / HOUR;
      start = end;
    }
    return hours;
  }
}

// ── Baseline ──────────────────────────────────────────────────────────────────────────────

/**
 * Expected posts per hour by local hour of the day (and weekend), estimated from the channel's
 * history before the claimed time and shrunk toward its overall rate.
 */
export interface ActivityBaseline {
  timezone: string;
  /** The history used: [from, to). */
  from: string;
  to: string;
  hours: number;
  posts: number;
  /** Posts per hour over the whole history. */
  overallRate: number;
  rhythm: 'hour-of-day' | 'hour-of-day-and-weekend';
  weekendDays: number[];
  /** Posts per hour by local hour of the day: 0–23 (every day, or weekdays), then 24–47 for weekend days when split. */
  rates: number[];
  /** Hours of history in each of those classes. */
  exposureHours: number[];
  priorWeightHours: number;
  /** Whether the history meets the policy's minimum (days and posts). */
  enough: boolean;
}

interface History {
  from: number;
  to: number;
  posts: number;
}

function countBetween(sorted: Float64Array, from: number, to: number, closedEnd: boolean): number {
  return closedEnd ? upperBound(sorted, to) - lowerBound(sorted, from) : lowerBound(sorted, to) - lowerBound(sorted, from);
}

/** First index whose time is ≥ value. */
function lowerBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? Infinity) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** First index whose time is > value. */
function upperBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? Infinity) <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function sortedInstants(times: readonly PostTime[]): Float64Array {
  const sorted = new Float64Array(times.length);
  times.forEach((time, i) => (sorted[i] = instantOf(time)));
  return sorted.sort();
}

function historyOf(sorted: Float64Array, at: number, dataStart: number, policy: ActivityPolicy): History {
  const from = Math.min(at, Math.max(at - policy.historyDays * DAY, dataStart));
  return { from, to: at, posts: countBetween(sorted, from, at, false) };
}

/** Posts in [from, to) by rhythm class. */
function postsByClass(sorted: Float64Array, from: number, to: number, clock: RhythmClock): Float64Array {
  const posts = new Float64Array(clock.classes);
  for (let i = lowerBound(sorted, from); i < sorted.length && (sorted[i] ?? Infinity) < to; i++) {
    const index = clock.classOf(sorted[i] ?? 0);
    posts[index] = (posts[index] ?? 0) + 1;
  }
  return posts;
}

/** Posts per hour by rhythm class, from posts and hours of exposure by class. */
function fitRates(posts: Float64Array, exposure: Float64Array, splitWeekend: boolean, weight: number): number[] {
  const total = (values: Float64Array, from = 0, to = values.length): number => values.subarray(from, to).reduce((sum, value) => sum + value, 0);
  const hours = total(exposure);
  const overallRate = hours > 0 ? total(posts) / hours : 0;
  // Each hour of the day: its own posts plus `weight` hours at the overall rate (the posterior
  // mean under a Gamma prior centred on the overall rate).
  const byHour = new Array<number>(24);
  for (let hour = 0; hour < 24; hour++) {
    let n = posts[hour] ?? 0;
    let t = exposure[hour] ?? 0;
    if (splitWeekend) {
      n += posts[24 + hour] ?? 0;
      t += exposure[24 + hour] ?? 0;
    }
    byHour[hour] = t + weight > 0 ? (n + weight * overallRate) / (t + weight) : overallRate;
  }
  if (!splitWeekend) return byHour;
  // Weekday and weekend hours shrink toward that hour's rate scaled by the day type's level,
  // so a quiet weekend stays quiet at every hour.
  const level = (from: number): number => {
    const t = total(exposure, from, from + 24);
    return overallRate > 0 && t + weight > 0 ? (total(posts, from, from + 24) + weight * overallRate) / (t + weight) / overallRate : 1;
  };
  const levels = [level(0), level(24)];
  return Array.from({ length: 48 }, (_, index) => {
    const prior = (byHour[index % 24] ?? 0) * (levels[index < 24 ? 0 : 1] ?? 1);
    const t = exposure[index] ?? 0;
    return t + weight > 0 ? ((posts[index] ?? 0) + weight * prior) / (t + weight) : prior;
  });
}

/**
 * Expected posts over a window with `windowExposure` hours by class, and the variance of that
 * expectation from the rates' own estimation (delta method: each class's rate is its posts over
 * its hours, shrunk, so Var(λ̂) ≈ λ·t / (t + w)²).
 */
function expectationOf(windowExposure: Float64Array, rates: readonly number[], exposure: Float64Array, weight: number): { expected: number; variance: number } {
  let expected = 0;
  let variance = 0;
  windowExposure.forEach((hours, index) => {
    const rate = rates[index] ?? 0;
    const t = exposure[index] ?? 0;
    expected += hours * rate;
    if (t + weight > 0) variance += (hours * hours * rate * t) / ((t + weight) * (t + weight));
  });
  return { expected, variance };
}

function fitBaseline(sorted: Float64Array, history: History, clock: RhythmClock, policy: ActivityPolicy): ActivityBaseline {
  const hours = (history.to - history.from) / HOUR;
  const exposure = clock.exposure(history.from, history.to);
  const posts = postsByClass(sorted, history.from, history.to, clock);
  return {
    timezone: clock.timezone,
    from: isoOf(history.from),
    to: isoOf(history.to),
    hours,
    posts: history.posts,
    overallRate: hours > 0 ? history.posts / hours : 0,
    rhythm: clock.splitWeekend ? 'hour-of-day-and-weekend' : 'hour-of-day',
    weekendDays: [...policy.weekendDays],
    rates: fitRates(posts, exposure, clock.splitWeekend, policy.priorWeightHours),
    exposureHours: [...exposure],
    priorWeightHours: policy.priorWeightHours,
    enough: hours >= policy.minHistoryDays * 24 && history.posts >= policy.minHistoryPosts,
  };
}

function readPolicy(input: ActivityPolicyInput): ActivityPolicy {
  const parsed = ActivityPolicy.safeParse(input);
  if (!parsed.success) throw new RangeError(`activity policy: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}

function clockFor(timezone: string, history: History, policy: ActivityPolicy): RhythmClock {
  return new RhythmClock(timezone, policy.weekendDays, history.to - history.from >= policy.weekendSplitMinDays * DAY);
}

export interface BaselineOptions {
  at: PostTime;
  /** IANA timezone whose daily rhythm counts; default UTC. */
  timezone?: string;
  /** When this channel's record begins; default its first post. */
  dataStart?: PostTime;
}

/** The channel's baseline from its history before `at` (at most `policy.historyDays`). */
export function estimateBaseline(times: readonly PostTime[], options: BaselineOptions, policyInput: ActivityPolicyInput = {}): ActivityBaseline {
  const policy = readPolicy(policyInput);
  const sorted = sortedInstants(times);
  const at = instantOf(options.at, 'at');
  const dataStart = options.dataStart === undefined ? (sorted[0] ?? at) : instantOf(options.dataStart, 'dataStart');
  const history = historyOf(sorted, at, dataStart, policy);
  return fitBaseline(sorted, history, clockFor(options.timezone ?? 'UTC', history, policy), policy);
}

/** Posts the baseline expects in [from, to), hour by local hour. */
export function expectedPosts(baseline: ActivityBaseline, from: PostTime, to: PostTime): number {
  const clock = new RhythmClock(baseline.timezone, baseline.weekendDays, baseline.rhythm === 'hour-of-day-and-weekend');
  const start = instantOf(from, 'from');
  const end = instantOf(to, 'to');
  if (end <= start) return 0;
  const exposure = clock.exposure(start, end);
  return exposure.reduce((sum, hours, index) => sum + hours * (baseline.rates[index] ?? 0), 0);
}

// ── Tests ─────────────────────────────────────────────────────────────────────────────────

/** What to test on one channel. */
export interface ActivityCheck {
  channel: string;
  /** The claimed time: the window under test starts here, the history ends here. */
  at: PostTime;
  /** IANA timezone of the case, whose daily rhythm the baseline follows; default UTC. */
  timezone?: string;
  /** The window's length in hours; default the policy's silenceHours or burstHours. */
  window?: number;
  /** When this channel's record begins; default its first post. */
  dataStart?: PostTime;
  /**
   * When the collection stopped (the export's end, the last time any source was read). Default:
   * the channel's own last post — which cannot tell a silence from the end of an export, so pass it.
   */
  dataEnd?: PostTime;
}

type LooksFor = ActivityFinding['looksFor'];

/** A silence after `at`: exact Poisson lower tail P(X ≤ O | E), widened for dispersion by default. */
export function detectSilence(times: readonly PostTime[], check: ActivityCheck, policy: ActivityPolicyInput = {}): ActivityFinding {
  return testWindow(times, check, readPolicy(policy), 'silence');
}

/** A burst after `at`: exact Poisson upper tail P(X ≥ O | E), widened for dispersion by default. */
export function detectBurst(times: readonly PostTime[], check: ActivityCheck, policy: ActivityPolicyInput = {}): ActivityFinding {
  return testWindow(times, check, readPolicy(policy), 'burst');
}

function testWindow(times: readonly PostTime[], check: ActivityCheck, policy: ActivityPolicy, looksFor: LooksFor): ActivityFinding {
  const timezone = check.timezone ?? 'UTC';
  if (!IANAZone.isValidZone(timezone)) throw new RangeError(`${timezone} is not an IANA timezone (e.g. America/Caracas)`);
  const at = instantOf(check.at, 'at');
  const requestedHours = check.window ?? (looksFor === 'silence' ? policy.silenceHours : policy.burstHours);
  if (!(requestedHours > 0) || !Number.isFinite(requestedHours)) throw new RangeError(`window: ${requestedHours} hours is not a positive number`);
  const sorted = sortedInstants(times);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const dataStart = check.dataStart === undefined ? (first ?? at) : instantOf(check.dataStart, 'dataStart');
  const dataEnd = check.dataEnd === undefined ? (last ?? at) : instantOf(check.dataEnd, 'dataEnd');

  const history = historyOf(sorted, at, dataStart, policy);
  const clock = clockFor(timezone, history, policy);
  const asked = at + requestedHours * HOUR;
  const cutAtDataEnd = dataEnd < asked;
  const windowTo = Math.max(at, Math.min(asked, dataEnd));
  // A window cut at the data's end includes the post at that end (the default end is the last post).
  const observed = countBetween(sorted, at, windowTo, cutAtDataEnd);
  const before = lowerBound(sorted, at);
  const lastPostBefore = before > 0 ? (sorted[before - 1] ?? null) : null;
  const firstPostAfter = before < sorted.length ? (sorted[before] ?? null) : null;
  const lowerTail = looksFor === 'silence';
  const widen = policy.overdispersion === 'history';
  const test: ActivityTest = widen
    ? lowerTail
      ? 'negative-binomial-lower-tail'
      : 'negative-binomial-upper-tail'
    : lowerTail
      ? 'poisson-exact-lower-tail'
      : 'poisson-exact-upper-tail';

  const baseline = fitBaseline(sorted, history, clock, policy);
  const head = { channel: check.channel, looksFor };
  const place = {
    at: isoOf(at),
    timezone,
    window: { from: isoOf(at), to: isoOf(windowTo), hours: (windowTo - at) / HOUR, requestedHours, cutAtDataEnd },
    history: {
      from: isoOf(history.from),
      to: isoOf(history.to),
      days: (history.to - history.from) / DAY,
      posts: history.posts,
      rhythm: history.to > history.from ? baseline.rhythm : null,
    },
    observed,
  };
  const tail = {
    alpha: policy.alpha,
    lastPostBefore: lastPostBefore === null ? null : isoOf(lastPostBefore),
    firstPostAfter: firstPostAfter === null ? null : isoOf(firstPostAfter),
  };
  const words = new Words(timezone, at);
  // Fields in the schema's order, so that the JSON reads top down.
  const untested = (kind: ActivityKind, summary: string): ActivityFinding => ({
    ...head,
    kind,
    ...place,
    expected: null,
    rateRatio: null,
    pValue: null,
    poissonPValue: null,
    test,
    dispersion: null,
    ...tail,
    summary,
  });

  if (!baseline.enough) {
    const had = sorted.length === 0 ? 'no posts at all' : `${words.days(history.to - history.from)} and ${plural(history.posts, 'post')} of history before ${words.claimed}`;
    return untested('insufficient-history', `not enough history: ${had}; the baseline needs at least ${words.days(policy.minHistoryDays * DAY)} and ${plural(policy.minHistoryPosts, 'post')}`);
  }
  if (windowTo <= at) {
    const end = check.dataEnd === undefined ? `${words.local(dataEnd)} (the channel's last post; give the collection's end as dataEnd)` : words.local(dataEnd);
    return untested('not-covered', `nothing to test: the data end at ${end}, not after ${words.claimed}`);
  }

  const windowExposure = clock.exposure(at, windowTo);
  const { expected, variance: baselineVariance } = expectationOf(windowExposure, baseline.rates, Float64Array.from(baseline.exposureHours), policy.priorWeightHours);
  const poissonPValue = lowerTail ? poissonLowerTail(observed, expected) : poissonUpperTail(observed, expected);
  let pValue = poissonPValue;
  let dispersion: number | null = null;
  let varianceRatio = 1;
  if (widen) {
    dispersion = dispersionOf(sorted, history, windowTo - at, clock, policy);
    // Var(X) ≈ φ·(E + Var(Ê)): overdispersed counts, around a baseline that is itself estimated.
    const variance = dispersion * (expected + baselineVariance);
    varianceRatio = variance / expected;
    if (variance > expected) {
      const size = (expected * expected) / (variance - expected);
      pValue = lowerTail ? negativeBinomialLowerTail(observed, expected, size) : negativeBinomialUpperTail(observed, expected, size);
    }
  }
  const interval = rateRatioInterval(observed, expected, policy.intervalLevel, Math.max(1, varianceRatio));
  const significant = pValue < policy.alpha;
  const kind: ActivityKind = significant ? looksFor : 'normal';
  const finding: ActivityFinding = {
    ...head,
    kind,
    ...place,
    expected,
    rateRatio: { estimate: observed / expected, lower: interval.lower, upper: interval.upper, level: policy.intervalLevel },
    pValue,
    poissonPValue,
    test,
    dispersion,
    ...tail,
    summary: '',
  };
  finding.summary = summarise(finding, words, check.dataEnd === undefined);
  return finding;
}

/**
 * The history's dispersion at the window's scale: blocks as long as the window, laid back from
 * the claimed time (shorter when the history holds fewer than `minDispersionBlocks` of them); each
 * block's count is compared with what the rest of the history expects of it — out of sample, so
 * that the hour-of-day rates cannot soak up the clumping — over that expectation's variance:
 * φ = mean of (O − Ê)² / (Ê + Var Ê). Never below 1: a test is widened, never narrowed.
 */
function dispersionOf(sorted: Float64Array, history: History, windowMs: number, clock: RhythmClock, policy: ActivityPolicy): number {
  const span = history.to - history.from;
  const blockMs = Math.min(windowMs, Math.floor(span / policy.minDispersionBlocks / MINUTE) * MINUTE);
  if (!(blockMs > 0)) return 1;
  const blocks = Math.floor(span / blockMs);
  if (blocks < 2) return 1;
  const weight = policy.priorWeightHours;
  const exposure = clock.exposure(history.from, history.to);
  const posts = postsByClass(sorted, history.from, history.to, clock);
  let sum = 0;
  let counted = 0;
  for (let b = 0; b < blocks; b++) {
    const to = history.to - b * blockMs;
    const from = to - blockMs;
    const blockExposure = clock.exposure(from, to);
    const blockPosts = postsByClass(sorted, from, to, clock);
    const restExposure = exposure.map((hours, index) => Math.max(0, hours - (blockExposure[index] ?? 0)));
    const restPosts = posts.map((n, index) => Math.max(0, n - (blockPosts[index] ?? 0)));
    const rates = fitRates(restPosts, restExposure, clock.splitWeekend, weight);
    const { expected, variance } = expectationOf(blockExposure, rates, restExposure, weight);
    if (expected <= 0) continue;
    const observed = blockPosts.reduce((total, n) => total + n, 0);
    sum += ((observed - expected) * (observed - expected)) / (expected + variance);
    counted++;
  }
  return counted === 0 ? 1 : Math.max(1, sum / counted);
}

// ── Words ─────────────────────────────────────────────────────────────────────────────────

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Two significant digits; `p < 1e-300` style when the tail underflows. */
function formatP(p: number): string {
  if (p === 0) return '< 1e-300';
  if (p < 0.001) return `= ${p.toExponential(1)}`;
  return `= ${Number(p.toPrecision(2))}`;
}

function formatCount(x: number): string {
  return x >= 1 ? x.toFixed(1) : x.toPrecision(2);
}

function formatHours(hours: number): string {
  return `${Number.isInteger(hours) ? hours : Number(hours.toFixed(1))} h`;
}

class Words {
  readonly claimed: string;
  constructor(
    private readonly timezone: string,
    private readonly at: number,
  ) {
    this.claimed = `${this.local(at)} (${timezone})`;
  }

  /** `2026-09-18 02:10` in the case's zone. */
  local(ms: number): string {
    return DateTime.fromMillis(ms, { zone: this.timezone }).toFormat('yyyy-MM-dd HH:mm');
  }

  /** Only the clock time when on the claimed day. */
  near(ms: number): string {
    const text = this.local(ms);
    return text.slice(0, 10) === this.local(this.at).slice(0, 10) ? text.slice(11) : text;
  }

  days(ms: number): string {
    const days = ms / DAY;
    return plural(Number.isInteger(days) ? days : Number(days.toFixed(1)), 'day');
  }

  span(ms: number): string {
    const minutes = Math.round(ms / MINUTE);
    if (minutes < 60) return `${minutes} min`;
    if (minutes < 48 * 60) return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
    const hours = Math.round(minutes / 60);
    return hours % 24 === 0 ? `${hours / 24} d` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
  }
}

function summarise(finding: ActivityFinding, words: Words, defaultEnd: boolean): string {
  const at = Date.parse(finding.at);
  const window = finding.window;
  let covered = `${plural(finding.observed, 'post')} in ${formatHours(window.hours)} after ${words.claimed}`;
  if (window.cutAtDataEnd) {
    covered += ` (the data end at ${words.near(Date.parse(window.to))}${defaultEnd ? ', the last post' : ''}: ${formatHours(window.requestedHours)} asked)`;
  }
  const expected = ` vs ${formatCount(finding.expected ?? 0)} expected from ${words.days(finding.history.days * DAY)} before`;
  const parts = [covered + expected];
  if (finding.looksFor === 'silence' && finding.lastPostBefore !== null) {
    const last = Date.parse(finding.lastPostBefore);
    parts.push(`last post ${words.near(last)}, ${words.span(at - last)} before`);
  }
  const p = finding.pValue ?? 1;
  const poisson = finding.poissonPValue ?? 1;
  const method =
    finding.dispersion === null
      ? 'Poisson, one-sided'
      : `one-sided; Poisson widened for dispersion ${finding.dispersion.toFixed(1)} and the baseline's uncertainty, unwidened p ${formatP(poisson)}`;
  const verdict = finding.kind === 'normal' ? `no significant ${finding.looksFor} at α = ${finding.alpha}: ` : '';
  parts.push(`${verdict}p ${formatP(p)} (${method})`);
  return parts.join('; ');
}
