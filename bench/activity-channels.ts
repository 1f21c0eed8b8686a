import { DateTime } from 'luxon';
import { seededRandom } from './telegram-export.js';

/**
 * SYNTHETIC channel activity, for the activity tests and bench/activity-calibration.ts: post times
 * drawn hour by hour from a Poisson process whose rate follows the local hour of the day, with a
 * seeded generator so that every run gives the same posts.
 */

export { seededRandom };

/** Knuth's method: fine for the small rates of one hour. */
function poissonDraw(rate: number, random: () => number): number {
  const limit = Math.exp(-rate);
  let count = 0;
  let product = random();
  while (product > limit) {
    count++;
    product *= random();
  }
  return count;
}

/** A day that a newsroom's local channel might have: quiet at night, busy by day, a little less in the evening. */
export function dailyRhythm(localHour: number): number {
  if (localHour < 6) return 0.5;
  if (localHour < 20) return 2.6;
  return 1.5;
}

export interface ChannelPostsOptions {
  from: string;
  to: string;
  timezone: string;
  seed: number;
  /** Expected posts per hour at a local hour of the day. */
  ratePerHour?: (localHour: number) => number;
}

/** Sorted epoch-ms post times over [from, to). */
export function channelPosts(options: ChannelPostsOptions): number[] {
  const random = seededRandom(options.seed);
  const rate = options.ratePerHour ?? dailyRhythm;
  const from = Date.parse(options.from);
  const to = Date.parse(options.to);
  const posts: number[] = [];
  for (let hour = Math.floor(from / 3_600_000) * 3_600_000; hour < to; hour += 3_600_000) {
    const localHour = DateTime.fromMillis(hour + 1_800_000, { zone: options.timezone }).hour;
    const count = poissonDraw(rate(localHour), random);
    for (let i = 0; i < count; i++) {
      const time = hour + Math.floor(random() * 3_600_000);
      if (time >= from && time < to) posts.push(time);
    }
  }
  return posts.sort((a, b) => a - b);
}

/** `count` posts spread evenly over [from, from + hours). */
export function evenPosts(from: string, hours: number, count: number): number[] {
  const start = Date.parse(from);
  return Array.from({ length: count }, (_, i) => start + Math.floor(((i + 0.5) * hours * 3_600_000) / count));
}
