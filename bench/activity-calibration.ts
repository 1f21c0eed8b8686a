/**
 * `npx tsx bench/activity-calibration.ts [--channels 150]`: how often the activity tests call a
 * silence or a burst on SYNTHETIC channels that neither fell silent nor burst — the false-alarm
 * rate at α = 0.05, which a calibrated test keeps near 0.05 — for three kinds of channel:
 *
 *   poisson      posts independent, at a daily rhythm (~2 an hour)
 *   clumps       the same rate, posts arriving five at a time (forward storms, bots)
 *   daily-level  the rhythm's level changing from day to day (news days and quiet days)
 *
 * Each with the exact Poisson test and with the default widened test (docs/correlate/activity.md).
 * It prints figures; it fails nothing.
 */
import { parseArgs } from 'node:util';
import { detectBurst, detectSilence } from '../src/correlate/index.js';
import { channelPosts, dailyRhythm, seededRandom } from './activity-channels.js';

const TIMEZONE = 'America/Caracas';
const FROM = '2026-08-15T00:00:00-04:00';
const AT = '2026-09-18T02:10:00-04:00';
const DATA_END = '2026-09-22T00:00:00-04:00';
const LEVEL = 0.05;

type Kind = 'poisson' | 'clumps' | 'daily-level';

function postsOf(kind: Kind, seed: number): number[] {
  const random = seededRandom(seed * 7919);
  if (kind === 'poisson') return channelPosts({ from: FROM, to: DATA_END, timezone: TIMEZONE, seed });
  if (kind === 'clumps') {
    return channelPosts({ from: FROM, to: DATA_END, timezone: TIMEZONE, seed })
      .filter(() => random() < 0.2)
      .flatMap((time) => [0, 1, 2, 3, 4].map((k) => time + k * 20_000));
  }
  // A channel twice as busy, each day keeping a random share of its posts (0.2–1): days unlike each other.
  const shares = new Map<number, number>();
  return channelPosts({ from: FROM, to: DATA_END, timezone: TIMEZONE, seed, ratePerHour: (hour) => 2 * dailyRhythm(hour) }).filter((time) => {
    const day = Math.floor(time / 86_400_000);
    let share = shares.get(day);
    if (share === undefined) {
      share = 0.2 + 0.8 * random();
      shares.set(day, share);
    }
    return random() < share;
  });
}

const { values } = parseArgs({ options: { channels: { type: 'string', default: '150' } } });
const channels = Number(values.channels);
console.log(`false alarms at α = ${LEVEL} on ${channels} SYNTHETIC channels per row (silence and burst tests together; a calibrated test gives ${LEVEL})`);
console.log(['channel', 'window', 'median dispersion', 'widened (default)', 'exact Poisson'].join('\t'));
for (const kind of ['poisson', 'clumps', 'daily-level'] as const) {
  for (const window of [3, 24, 72]) {
    let widened = 0;
    let poisson = 0;
    const dispersions: number[] = [];
    for (let seed = 1; seed <= channels; seed++) {
      const posts = postsOf(kind, seed);
      const check = { channel: kind, at: AT, timezone: TIMEZONE, window, dataEnd: DATA_END };
      for (const finding of [detectSilence(posts, check), detectBurst(posts, check)]) {
        if ((finding.pValue ?? 1) < LEVEL) widened++;
        if ((finding.poissonPValue ?? 1) < LEVEL) poisson++;
        if (finding.looksFor === 'silence') dispersions.push(finding.dispersion ?? 1);
      }
    }
    dispersions.sort((a, b) => a - b);
    const median = dispersions[Math.floor(dispersions.length / 2)] ?? 1;
    console.log([kind, `${window} h`, median.toFixed(2), (widened / (2 * channels)).toFixed(3), (poisson / (2 * channels)).toFixed(3)].join('\t'));
  }
}
