import type { TimeMention, TimePrecision } from '../../model/index.js';
import { readPostTime } from './zone.js';

/** The report's best estimate of when its event happened, read from its time mentions. */
export interface EventTime {
  from: string;
  to: string;
  precision: TimePrecision;
  /** The mention it was read from. */
  mention: TimeMention;
}

const RANK: Readonly<Record<TimePrecision, number>> = { minute: 0, hour: 1, 'part-of-day': 2, day: 3 };

/**
 * The most precise mention; among equally precise ones, the one nearest the event words when
 * their spans are given (`eventCues`, e.g. the classifier's cues "explosión", "bombardeo"),
 * else the first in the text. Null when the text mentions no time: the caller then falls back
 * on the post time, knowing that it is only when the report was made. Mentions after the post
 * time (an announcement for tonight) are not the event's time and are passed over.
 */
export function eventTimeOf(mentions: readonly TimeMention[], postTime?: string, eventCues: readonly { start: number; end: number }[] = []): EventTime | null {
  // A post time without an offset is wall-clock time where the mentions were read.
  const post = postTime === undefined ? null : readPostTime(postTime, mentions[0]?.timeZone ?? 'UTC');
  let best: TimeMention | null = null;
  let bestDistance = Infinity;
  for (const mention of mentions) {
    if (post !== null && !Number.isNaN(post) && Date.parse(mention.from) > post) continue;
    const distance = eventCues.length === 0 ? 0 : Math.min(...eventCues.map((cue) => (cue.end <= mention.start ? mention.start - cue.end : cue.start >= mention.end ? cue.start - mention.end : 0)));
    if (best === null || RANK[mention.precision] < RANK[best.precision] || (RANK[mention.precision] === RANK[best.precision] && distance < bestDistance)) {
      best = mention;
      bestDistance = distance;
    }
  }
  return best === null ? null : { from: best.from, to: best.to, precision: best.precision, mention: best };
}
