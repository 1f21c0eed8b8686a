import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectBurst, detectSilence, estimateBaseline, expectedPosts, hourlySeries } from '../../../src/correlate/index.js';
import { ActivityFinding } from '../../../src/model/index.js';
import { channelPosts, evenPosts, seededRandom } from '../../../bench/activity-channels.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;

// The demo claim: a strike near Guasdualito at 02:10 local time (America/Caracas, UTC−4, no DST).
const CARACAS = 'America/Caracas';
const AT = '2026-09-18T02:10:00-04:00';
const AT_MS = Date.parse(AT);
const DATA_END = '2026-09-22T00:00:00-04:00';

/** A local news channel with a daily rhythm (~2 posts an hour on average) for 30 days before the claimed time. */
const history = channelPosts({ from: '2026-08-19T00:00:00-04:00', to: AT, timezone: CARACAS, seed: 7 });
/** The same channel carrying on after the claimed time. */
const carryingOn = [...history, ...channelPosts({ from: AT, to: DATA_END, timezone: CARACAS, seed: 8 })];

describe('hourlySeries', () => {
  it('counts posts per UTC hour, whole hours from the hour of `from` to the hour after `to`', () => {
    const series = hourlySeries(['2026-09-18T01:59:00-04:00', '2026-09-18T06:00:00Z', '2026-09-18T06:59:59Z', '2026-09-18T07:00:00Z', '2026-09-18T09:00:00Z'], '2026-09-18T05:30:00Z', '2026-09-18T07:10:00Z');
    expect(series).toEqual({ from: '2026-09-18T05:00:00Z', to: '2026-09-18T08:00:00Z', counts: [1, 2, 1] });
  });

  it('refuses a time without an offset, whose instant depends on who reads it', () => {
    expect(() => hourlySeries(['2026-09-18T02:10:00'], '2026-09-18T00:00:00Z', '2026-09-19T00:00:00Z')).toThrow(/not ISO 8601 with an offset/);
  });
});

describe('detectSilence', () => {
  it('finds a channel that stops posting at the claimed time, says when it last posted, and gives the numbers', () => {
    // Its last post 12 minutes before the claimed time, then nothing until the export ends.
    const lastPost = Date.parse('2026-09-18T01:58:00-04:00');
    const posts = [...history.filter((time) => time < lastPost), lastPost];
    const finding = detectSilence(posts, { channel: 'telegram:alerta-llanera', at: AT, timezone: CARACAS, dataEnd: DATA_END });
    expect(ActivityFinding.parse(finding)).toEqual(finding);
    expect(finding.kind).toBe('silence');
    expect(finding.observed).toBe(0);
    expect(finding.window).toEqual({ from: '2026-09-18T06:10:00Z', to: '2026-09-21T06:10:00Z', hours: 72, requestedHours: 72, cutAtDataEnd: false });
    expect(finding.history).toMatchObject({ from: '2026-08-21T06:10:00Z', to: '2026-09-18T06:10:00Z', days: 28, rhythm: 'hour-of-day-and-weekend' });
    // 72 h at this rhythm: 3 × (6 × 0.5 + 14 × 2.6 + 4 × 1.5) = 136.2 posts.
    expect(finding.expected).toBeGreaterThan(115);
    expect(finding.expected).toBeLessThan(160);
    expect(finding.pValue).toBeLessThan(1e-30);
    expect(finding.lastPostBefore).toBe('2026-09-18T05:58:00Z');
    expect(finding.firstPostAfter).toBeNull();
    expect(finding.rateRatio?.estimate).toBe(0);
    expect(finding.rateRatio?.upper).toBeLessThan(0.05);
    expect(finding.summary).toMatch(/^0 posts in 72 h after 2026-09-18 02:10 \(America\/Caracas\) vs \d+\.\d expected from 28 days before; last post 01:58, 12 min before; p = \d\.\de-\d+ \(one-sided/);
    expect(finding.summary).toContain(`vs ${finding.expected?.toFixed(1)} expected`);
  });

  it('calls the same channel carrying on after the claimed time normal', () => {
    const finding = detectSilence(carryingOn, { channel: 'telegram:alerta-llanera', at: AT, timezone: CARACAS, dataEnd: DATA_END });
    expect(finding.kind).toBe('normal');
    expect(finding.pValue).toBeGreaterThan(0.01);
    expect(finding.rateRatio?.lower).toBeLessThan(1);
    expect(finding.rateRatio?.upper).toBeGreaterThan(1);
    expect(finding.summary).toContain('no significant silence at α = 0.01');
  });

  it('tests only the hours the data cover when the export ends inside the window, and says so', () => {
    const finding = detectSilence(history, { channel: 'c', at: AT, timezone: CARACAS, dataEnd: '2026-09-18T07:10:00-04:00' });
    expect(finding.window).toMatchObject({ hours: 5, requestedHours: 72, cutAtDataEnd: true, to: '2026-09-18T11:10:00Z' });
    // Five night hours are not enough to show a silence: at most a few posts were expected.
    expect(finding.kind).toBe('normal');
    expect(finding.expected).toBeLessThan(10);
    expect(finding.summary).toContain('0 posts in 5 h after 2026-09-18 02:10 (America/Caracas) (the data end at 07:10: 72 h asked)');
  });

  it('does not test at all when the data end before the claimed time', () => {
    const finding = detectSilence(history, { channel: 'c', at: AT, timezone: CARACAS });
    expect(finding.kind).toBe('not-covered');
    expect(finding.pValue).toBeNull();
    expect(finding.window.hours).toBe(0);
    expect(finding.summary).toContain("the channel's last post; give the collection's end as dataEnd");
  });

  it('answers "not enough history", never a silence, for a sparse channel, one with no posts, and one that begins after the claimed time', () => {
    const sparse = evenPosts('2026-08-29T00:00:00Z', 20 * 24, 12);
    const findings = [
      detectSilence(sparse, { channel: 'sparse', at: AT, timezone: CARACAS, dataEnd: DATA_END }),
      detectSilence([], { channel: 'empty', at: AT, timezone: CARACAS, dataEnd: DATA_END }),
      detectSilence(evenPosts('2026-09-18T12:00:00Z', 48, 40), { channel: 'new', at: AT, timezone: CARACAS, dataEnd: DATA_END }),
      detectBurst(sparse, { channel: 'sparse', at: AT, timezone: CARACAS, dataEnd: DATA_END }),
    ];
    expect(findings.map((finding) => finding.kind)).toEqual(['insufficient-history', 'insufficient-history', 'insufficient-history', 'insufficient-history']);
    expect(findings.map((finding) => finding.pValue)).toEqual([null, null, null, null]);
    expect(findings[0]?.summary).toBe('not enough history: 19.4 days and 12 posts of history before 2026-09-18 02:10 (America/Caracas); the baseline needs at least 7 days and 20 posts');
    expect(findings[1]?.summary).toBe('not enough history: no posts at all; the baseline needs at least 7 days and 20 posts');
    expect(findings[2]?.history.posts).toBe(0);
    expect(findings[2]?.observed).toBe(40);
  });

  it('widens the test for a channel that posts in clumps, and says by how much', () => {
    // Same average rate, but posts come ten at a time within ten seconds (a bot, a forward storm):
    // one post in ten, picked at random, stands for a clump.
    const random = seededRandom(11);
    const clumped = history.filter(() => random() < 0.1).flatMap((time) => Array.from({ length: 10 }, (_, k) => time + k * 1000));
    const end = Date.parse('2026-09-18T08:10:00-04:00');
    const widened = detectSilence(clumped, { channel: 'c', at: AT, timezone: CARACAS, window: 6, dataEnd: end });
    const poisson = detectSilence(clumped, { channel: 'c', at: AT, timezone: CARACAS, window: 6, dataEnd: end }, { overdispersion: 'none' });
    expect(widened.dispersion).toBeGreaterThan(5);
    expect(poisson.dispersion).toBeNull();
    expect(poisson.test).toBe('poisson-exact-lower-tail');
    expect(widened.test).toBe('negative-binomial-lower-tail');
    expect(widened.pValue).toBeGreaterThan(100 * (poisson.pValue ?? 1));
    expect(widened.poissonPValue).toBe(poisson.pValue);
    expect(widened.summary).toContain(`Poisson widened for dispersion ${widened.dispersion?.toFixed(1)} and the baseline's uncertainty, unwidened p = ${poisson.pValue?.toExponential(1)}`);
  });
});

describe('detectBurst', () => {
  it('finds 30 extra posts in the 3 h after the claimed time of a ~2 posts/h channel', () => {
    const posts = [...carryingOn, ...evenPosts('2026-09-18T06:10:00Z', 3, 30)];
    const finding = detectBurst(posts, { channel: 'whatsapp:vecinos', at: AT, timezone: CARACAS, dataEnd: DATA_END });
    expect(finding.kind).toBe('burst');
    expect(finding.test).toBe('negative-binomial-upper-tail');
    expect(finding.observed).toBeGreaterThanOrEqual(30);
    expect(finding.window).toMatchObject({ hours: 3, requestedHours: 3, cutAtDataEnd: false });
    expect(finding.pValue).toBeLessThan(1e-6);
    expect(finding.rateRatio?.lower).toBeGreaterThan(2);
    expect(finding.summary).toMatch(/^\d+ posts in 3 h after 2026-09-18 02:10 \(America\/Caracas\) vs \d\.\d expected from 28 days before; p = /);
    // The burst is not a silence.
    expect(detectSilence(posts, { channel: 'whatsapp:vecinos', at: AT, timezone: CARACAS, dataEnd: DATA_END }).kind).toBe('normal');
  });

  it('calls the channel carrying on as usual normal', () => {
    const finding = detectBurst(carryingOn, { channel: 'whatsapp:vecinos', at: AT, timezone: CARACAS, dataEnd: DATA_END });
    expect(finding.kind).toBe('normal');
    expect(finding.pValue).toBeGreaterThan(0.01);
  });

  it('follows the policy: a smaller alpha asks for more', () => {
    const posts = [...carryingOn, ...evenPosts('2026-09-18T06:10:00Z', 3, 9)];
    const check = { channel: 'c', at: AT, timezone: CARACAS, dataEnd: DATA_END };
    const loose = detectBurst(posts, check, { alpha: 0.05 });
    const strict = detectBurst(posts, check, { alpha: 1e-6 });
    expect(loose.pValue).toBe(strict.pValue);
    expect([loose.kind, strict.kind]).toEqual(['burst', 'normal']);
    expect([loose.alpha, strict.alpha]).toEqual([0.05, 1e-6]);
    expect(() => detectBurst(posts, check, { alpha: 2 })).toThrow(RangeError);
  });
});

describe('daily rhythm across a change of the clocks', () => {
  // Europe/Madrid moves from UTC+1 to UTC+2 on Sunday 2026-03-29. A channel posts a bulletin of
  // ten posts at 08:00 local every morning and one post at twenty past every other hour.
  const MADRID = 'Europe/Madrid';
  const bulletinChannel = (skip: string | null): number[] => {
    const posts: number[] = [];
    for (let day = Date.parse('2026-02-20T00:00:00Z'); day < Date.parse('2026-04-10T00:00:00Z'); day += DAY) {
      const date = new Date(day).toISOString().slice(0, 10);
      for (let hour = 0; hour < 24; hour++) {
        const offset = date >= '2026-03-29' && !(date === '2026-03-29' && hour < 2) ? '+02:00' : '+01:00';
        if (date === '2026-03-29' && hour === 2) continue; // 02:00–03:00 does not exist that night
        const local = `${date}T${String(hour).padStart(2, '0')}`;
        if (hour === 8) {
          if (date !== skip) for (let k = 0; k < 10; k++) posts.push(Date.parse(`${local}:0${k}:00${offset}`));
        } else {
          posts.push(Date.parse(`${local}:20:00${offset}`));
        }
      }
    }
    return posts;
  };
  const at = '2026-04-02T08:00:00+02:00';
  const check = { channel: 'telegram:boletin', at, timezone: MADRID, window: 1, dataEnd: '2026-04-10T00:00:00Z' };

  it('expects the 08:00 bulletin at 08:00 local after the change, as before it', () => {
    const finding = detectBurst(bulletinChannel(null), check);
    expect(finding.expected).toBeGreaterThan(9);
    expect(finding.expected).toBeLessThan(10.5);
    expect(finding.kind).toBe('normal');
    // Read in UTC the bulletin moves an hour the night the clocks change, and most of the history has it elsewhere.
    expect(detectBurst(bulletinChannel(null), { ...check, timezone: 'UTC' }).expected).toBeLessThan(5);
  });

  it('finds the bulletin missing on the morning after the change', () => {
    const finding = detectSilence(bulletinChannel('2026-04-02'), check);
    expect(finding.observed).toBe(0);
    expect(finding.kind).toBe('silence');
  });

  it('counts a 23-hour day in spring and a 25-hour day in autumn (America/Santiago) hour by local hour', () => {
    const madrid = estimateBaseline(bulletinChannel(null), { at, timezone: MADRID });
    const sunday = (hour: number): number => madrid.rates[24 + hour] ?? NaN;
    const springDay = expectedPosts(madrid, '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00');
    const withoutTwo = Array.from({ length: 24 }, (_, hour) => (hour === 2 ? 0 : sunday(hour))).reduce((a, b) => a + b, 0);
    expect(springDay).toBeCloseTo(withoutTwo, 9);

    // Chile turns its clocks back at midnight between Saturday 4 and Sunday 5 April 2026: 23:00–24:00 Saturday happens twice.
    const santiagoPosts = evenPosts('2026-03-01T00:00:00Z', 40 * 24, 40 * 24);
    const santiago = estimateBaseline(santiagoPosts, { at: '2026-04-10T12:00:00Z', timezone: 'America/Santiago' });
    const saturday = (hour: number): number => santiago.rates[24 + hour] ?? NaN;
    const autumnDay = expectedPosts(santiago, '2026-04-04T00:00:00-03:00', '2026-04-05T00:00:00-04:00');
    const allHours = Array.from({ length: 24 }, (_, hour) => saturday(hour)).reduce((a, b) => a + b, 0);
    expect(autumnDay).toBeCloseTo(allHours + saturday(23), 9);
  });
});

describe('properties', () => {
  const base = Date.parse('2026-03-02T00:00:00Z'); // a Monday
  const at = base + 12 * DAY + 5 * HOUR;
  const dataEnd = at + 4 * DAY;
  // `size: 'max'`: fast-check's default size keeps arrays to a handful of posts, all "not enough history".
  const postsArbitrary = fc.array(fc.integer({ min: 0, max: 16 * 24 * 60 - 1 }), { maxLength: 400, size: 'max' }).map((minutes) => minutes.map((m) => base + m * 60_000));
  const checkArbitrary = fc.record({
    window: fc.integer({ min: 1, max: 96 }),
    timezone: fc.constantFrom('UTC', 'America/Caracas', 'Europe/Madrid', 'Asia/Kathmandu'),
    overdispersion: fc.constantFrom('history' as const, 'none' as const),
  });

  it('gives p-values in [0, 1], and a silence or burst exactly when p < alpha', () => {
    let tested = 0;
    fc.assert(
      fc.property(postsArbitrary, checkArbitrary, (posts, { window, timezone, overdispersion }) => {
        for (const detect of [detectSilence, detectBurst]) {
          const finding = detect(posts, { channel: 'c', at, timezone, window, dataEnd }, { overdispersion });
          ActivityFinding.parse(finding);
          if (finding.pValue === null) {
            expect(['insufficient-history', 'not-covered']).toContain(finding.kind);
            continue;
          }
          tested++;
          expect(finding.pValue).toBeGreaterThanOrEqual(0);
          expect(finding.pValue).toBeLessThanOrEqual(1);
          expect(finding.kind === 'normal').toBe(finding.pValue >= finding.alpha);
        }
      }),
    );
    // Most generated channels have enough history to be tested: the property is not vacuous.
    expect(tested).toBeGreaterThan(100);
  });

  it('never weakens the burst evidence, nor strengthens the silence evidence, when a post is added in the window', () => {
    let tested = 0;
    fc.assert(
      fc.property(postsArbitrary, checkArbitrary, fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (posts, { window, timezone, overdispersion }, where) => {
        const check = { channel: 'c', at, timezone, window, dataEnd };
        const more = [...posts, at + Math.floor(where * window * HOUR)];
        const burst = [detectBurst(posts, check, { overdispersion }), detectBurst(more, check, { overdispersion })];
        const silence = [detectSilence(posts, check, { overdispersion }), detectSilence(more, check, { overdispersion })];
        if (burst[0]?.pValue === null || burst[0] === undefined) return;
        tested++;
        expect(burst[1]?.observed).toBe(burst[0].observed + 1);
        expect(burst[1]?.pValue).toBeLessThanOrEqual(burst[0].pValue * (1 + 1e-9));
        expect(silence[1]?.pValue).toBeGreaterThanOrEqual((silence[0]?.pValue ?? 0) * (1 - 1e-9));
      }),
    );
    expect(tested).toBeGreaterThan(50);
  });

  /** Everything in a finding but its times (and the sentence, which names them). */
  const numbers = (finding: ActivityFinding): unknown => ({
    kind: finding.kind,
    observed: finding.observed,
    expected: finding.expected,
    rateRatio: finding.rateRatio,
    pValue: finding.pValue,
    poissonPValue: finding.poissonPValue,
    dispersion: finding.dispersion,
    test: finding.test,
    windowHours: finding.window.hours,
    historyDays: finding.history.days,
    historyPosts: finding.history.posts,
    rhythm: finding.history.rhythm,
  });

  it('gives the same findings, times apart, when every time moves by whole weeks (or whole days, weekends not split)', () => {
    let tested = 0;
    fc.assert(
      fc.property(postsArbitrary, checkArbitrary, fc.integer({ min: -30, max: 30 }), (posts, { window, overdispersion }, shift) => {
        // Caracas keeps one offset all year; a zone with DST would move the local hours.
        const timezone = CARACAS;
        for (const [step, policy] of [
          [7 * DAY, { overdispersion }],
          [DAY, { overdispersion, weekendSplitMinDays: 1000 }],
        ] as const) {
          const moved = posts.map((time) => time + shift * step);
          for (const detect of [detectSilence, detectBurst]) {
            const before = detect(posts, { channel: 'c', at, timezone, window, dataEnd }, policy);
            const after = detect(moved, { channel: 'c', at: at + shift * step, timezone, window, dataEnd: dataEnd + shift * step }, policy);
            expect(numbers(after)).toEqual(numbers(before));
            if (before.pValue !== null) tested++;
          }
        }
      }),
      { numRuns: 50 },
    );
    expect(tested).toBeGreaterThan(50);
  });
});

describe('the claimed time itself', () => {
  it('counts a post at the claimed time in the window, not in the history', () => {
    const posts = [...history, AT_MS];
    const finding = detectBurst(posts, { channel: 'c', at: AT, timezone: CARACAS, dataEnd: DATA_END });
    expect(finding.observed).toBe(1);
    expect(finding.firstPostAfter).toBe('2026-09-18T06:10:00Z');
    expect(finding.history.posts).toBe(history.filter((time) => time >= AT_MS - 28 * DAY).length);
  });
});
