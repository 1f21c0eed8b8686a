/** Spreading everyday posts over the days with a channel's own daily rhythm. */
import { at, type LocalTime } from './clock.js';
import type { Random } from './random.js';
import type { Post } from './telegram-export.js';

export interface LineContext {
  random: Random;
  /** `YYYY-MM-DD` of the post. */
  day: string;
  at: LocalTime;
}

/** A ready sentence, or one that fills its slots from the moment it is posted. */
export type Line = string | ((ctx: LineContext) => string);

/** Relative posting activity for each hour 0–23. */
export type HourWeights = readonly number[];

/** `count` times in one day, drawn from the channel's hourly rhythm, sorted. */
export function timesInDay(random: Random, day: string, count: number, weights: HourWeights, fromHour = 0, toHour = 23): LocalTime[] {
  const masked = weights.map((w, hour) => (hour >= fromHour && hour <= toHour ? w : 0));
  const times: LocalTime[] = [];
  for (let i = 0; i < count; i++) times.push(at(day, random.weighted(masked), random.int(0, 59), random.int(0, 59)));
  return times.sort();
}

/** A line that only makes sense on some days (`from`/`until` are `YYYY-MM-DD`, both included). */
export interface TimedLine {
  from?: string;
  until?: string;
  line: Line;
}

export const during = (from: string | undefined, until: string | undefined, line: Line): TimedLine => ({
  ...(from === undefined ? {} : { from }),
  ...(until === undefined ? {} : { until }),
  line,
});

/**
 * Sentences drawn without replacement in a shuffled order, each only on the days it fits;
 * when every line has been used the pool starts over, and a line that fills its slots the same
 * way twice is drawn again.
 */
export class LinePool {
  private queue: TimedLine[] = [];
  private readonly used = new Set<string>();
  private readonly entries: readonly TimedLine[];

  constructor(
    private readonly random: Random,
    lines: readonly (Line | TimedLine)[],
  ) {
    this.entries = lines.map((entry) => (typeof entry === 'object' ? entry : { line: entry }));
  }

  draw(ctx: Omit<LineContext, 'random'>): string {
    const fits = (entry: TimedLine): boolean => (entry.from === undefined || ctx.day >= entry.from) && (entry.until === undefined || ctx.day <= entry.until);
    for (let attempt = 0; attempt < 50; attempt++) {
      let index = this.queue.findLastIndex(fits);
      if (index < 0) {
        this.queue = [...this.random.shuffle(this.entries), ...this.queue];
        index = this.queue.findLastIndex(fits);
        if (index < 0) break;
      }
      const [entry] = this.queue.splice(index, 1);
      if (entry === undefined) break;
      const text = typeof entry.line === 'string' ? entry.line : entry.line({ ...ctx, random: this.random });
      if (!this.used.has(text)) {
        this.used.add(text);
        return text;
      }
    }
    throw new Error(`line pool exhausted on ${ctx.day}: add more lines`);
  }
}

/** A line used `n` times, for formats a channel really repeats (each fill differs). */
export function repeated(n: number, line: (ctx: LineContext) => string): Line[] {
  return Array.from({ length: n }, () => line);
}

/** Reactions as channels show them: a few emoji, counts falling off from the first. */
export function reactionsFor(random: Random, palette: readonly string[], scale: number): NonNullable<Post['reactions']> {
  if (scale <= 0) return [];
  const kinds = random.int(1, Math.min(3, palette.length));
  const chosen = random.shuffle(palette).slice(0, kinds);
  let count = Math.max(1, Math.round(scale * (0.5 + random.next())));
  return chosen.map((emoji) => {
    const reaction = { emoji, count };
    count = Math.max(1, Math.round(count * (0.2 + random.next() * 0.4)));
    return reaction;
  });
}

export const pick2 = <T>(random: Random, items: readonly T[]): [T, T] => {
  const [a, b] = random.shuffle(items);
  if (a === undefined || b === undefined) throw new Error('need two items');
  return [a, b];
};
