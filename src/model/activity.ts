import { z } from 'zod';
import { IsoInstant } from './raw-item.js';

/**
 * Channel activity: whether a source channel (a Telegram channel, a WhatsApp group, an account,
 * a feed) fell silent or burst into chatter around a claimed time, measured against its own
 * daily rhythm before that time (docs/correlate/activity.md).
 */

/**
 * The thresholds of the activity tests, with their defaults; an assessment policy passes its own.
 * Every value is written into the findings it shapes, so a finding can be reproduced.
 */
export const ActivityPolicy = z.object({
  /** One-sided significance level: a p-value below it makes a silence or a burst. */
  alpha: z.number().gt(0).lt(0.5).default(0.01),
  /** Two-sided level of the rate ratio's interval. */
  intervalLevel: z.number().gt(0).lt(1).default(0.95),
  /** The silence window after the claimed time: three days, as a channel that went dark stays dark. */
  silenceHours: z.number().positive().default(72),
  /** The burst window after the claimed time: local chatter about an explosion comes within hours. */
  burstHours: z.number().positive().default(3),
  /** History used for the baseline, before the claimed time: four whole weeks weigh every weekday alike. */
  historyDays: z.number().positive().default(28),
  /** Less history than this is "not enough history": every hour of the day and every weekday seen at least once. */
  minHistoryDays: z.number().positive().default(7),
  /** Fewer posts than this in the history is "not enough history": the rate would be uncertain by more than ±22 % (1/√20). */
  minHistoryPosts: z.number().int().min(1).default(20),
  /**
   * How many hours of the channel's overall rate each hour-of-day rate is blended with (a
   * Gamma prior's weight): with 28 days of history an hour of the day is 80 % its own, 20 % the
   * overall rate, so a sparse channel's empty hours are not expected to be empty (and no hour
   * ever expects zero, which would make any post there infinitely surprising).
   */
  priorWeightHours: z.number().positive().default(7),
  /** From this much history on, weekend days get hour-of-day rates of their own (three weekends). */
  weekendSplitMinDays: z.number().positive().default(21),
  /** ISO weekdays (1 = Monday … 7 = Sunday) counted as the weekend in the case's timezone. */
  weekendDays: z.array(z.number().int().min(1).max(7)).default([6, 7]),
  /**
   * `history`: widen the Poisson test for the channel's overdispersion (estimated from the history
   * at the window's scale) and for the baseline's own uncertainty — a negative binomial with the
   * same mean. `none`: the exact Poisson test, the baseline taken as known.
   */
  overdispersion: z.enum(['history', 'none']).default('history'),
  /** The dispersion is measured on at least this many history blocks (shorter blocks when the history is short). */
  minDispersionBlocks: z.number().int().min(2).default(6),
});
export type ActivityPolicy = z.infer<typeof ActivityPolicy>;
/** A policy as given: every field may be left out for its default. */
export type ActivityPolicyInput = z.input<typeof ActivityPolicy>;

/** The defaults, for readers and for policy files to start from. */
export const ACTIVITY_POLICY: ActivityPolicy = ActivityPolicy.parse({});

/**
 * `insufficient-history`: too little history to know what to expect — never read as a silence.
 * `not-covered`: the data end at or before the claimed time, so nothing after it can be tested.
 */
export const ActivityKind = z.enum(['silence', 'burst', 'normal', 'insufficient-history', 'not-covered']);
export type ActivityKind = z.infer<typeof ActivityKind>;

export const ActivityTest = z.enum(['poisson-exact-lower-tail', 'poisson-exact-upper-tail', 'negative-binomial-lower-tail', 'negative-binomial-upper-tail']);
export type ActivityTest = z.infer<typeof ActivityTest>;

/** One channel, one question (silence or burst) about the window after the claimed time. */
export const ActivityFinding = z.object({
  channel: z.string(),
  looksFor: z.enum(['silence', 'burst']),
  kind: ActivityKind,
  /** The claimed time, and the IANA timezone whose daily rhythm the baseline follows. */
  at: IsoInstant,
  timezone: z.string(),
  /** The window tested, as covered by the data: cut at the data's end when they end sooner. */
  window: z.object({
    from: IsoInstant,
    to: IsoInstant,
    hours: z.number().nonnegative(),
    requestedHours: z.number().positive(),
    cutAtDataEnd: z.boolean(),
  }),
  /** The history the baseline was estimated from: [from, to), to being the claimed time. */
  history: z.object({
    from: IsoInstant,
    to: IsoInstant,
    days: z.number().nonnegative(),
    posts: z.number().int().nonnegative(),
    rhythm: z.enum(['hour-of-day', 'hour-of-day-and-weekend']).nullable(),
  }),
  observed: z.number().int().nonnegative(),
  /** Posts expected in the window from the baseline; null when there is no baseline or no window. */
  expected: z.number().nonnegative().nullable(),
  /** observed / expected, with an interval at `level` (exact Poisson, widened by the dispersion). */
  rateRatio: z
    .object({ estimate: z.number().nonnegative(), lower: z.number().nonnegative(), upper: z.number().nonnegative(), level: z.number() })
    .nullable(),
  /** One-sided p-value of `test`; null when nothing was tested. */
  pValue: z.number().min(0).max(1).nullable(),
  /** The exact Poisson p-value with the baseline taken as known, for comparison. */
  poissonPValue: z.number().min(0).max(1).nullable(),
  test: ActivityTest,
  /** Variance over mean of the history's counts at the window's scale (1 = Poisson); null with `overdispersion: none`. */
  dispersion: z.number().min(1).nullable(),
  alpha: z.number(),
  /** The channel's last post before the claimed time, and its first at or after it. */
  lastPostBefore: IsoInstant.nullable(),
  firstPostAfter: IsoInstant.nullable(),
  /** One sentence with the numbers, for a reader. */
  summary: z.string(),
});
export type ActivityFinding = z.infer<typeof ActivityFinding>;
