/**
 * Near-duplicate and provenance families on CrisisLexT26 (`npm run eval`, section "dedup").
 *
 * - Families over all tweets of the 13 events as one stream (time from the snowflake id), with
 *   counts, sizes and the share of tweets in families of two or more.
 * - Pair precision on a labelled sample: (member, parent) links drawn with a fixed seed and
 *   labelled by reading (bench/eval/dedup-labels.jsonl holds tweet ids and labels only; how they
 *   were labelled is in bench/eval/dedup-labels.md).
 * - Recall on known copies: "RT @user: <text>" retweets whose original (a tweet that is not a
 *   retweet, with that text) is in the set, and pairs of retweets of one post.
 * - MinHash+LSH against SimHash on the same tweets and shingles, both scored against the exact
 *   Jaccard similarity of the shingle sets (what the families mean by "near") and on the known copies.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NEAR_DUPLICATE_PARAMETERS, ProvenanceIndex, foldForResemblance, type FamilyPlacement } from '../../src/analyze/index.js';
import { bandKey, jaccard, minHashSignature, shingleHashes, simHash64 } from '../../src/analyze/dedup/index.js';
import { hamming } from '../../src/model/index.js';
import type { CrisisEvent } from './crisislex.js';
import { percent, round, table } from './table.js';

export const DEDUP_LABELS = join(import.meta.dirname, 'dedup-labels.jsonl');
/** The sample: seed and size per link kind. Changing them changes which pairs need labels. */
export const DEDUP_SAMPLE = { seed: 20261125, near: 100, exact: 40 } as const;
const SIMHASH_DISTANCES = [3, 6, 10] as const;
const SPANISH_EVENTS = new Set(['2012_Costa_Rica_earthquake', '2013_Spain_train_crash']);
const RETWEET = /^\s*RT @(\w{1,15}):?\s/i;

export interface DedupLabel {
  member: string;
  parent: string;
  link: 'near' | 'exact';
  label: 'copy' | 'not-copy';
}

export interface DedupFigures {
  tweets: number;
  duplicateIdsSkipped: number;
  seconds: { add: number; families: number };
  families: {
    count: number;
    multiMember: number;
    tweetsInMultiMember: number;
    shareInMultiMember: number;
    shareInMultiMemberByLanguage: { es: number; en: number };
    largest: number;
    sizeHistogram: Record<string, number>;
    links: Record<string, number>;
  };
  labelledSample: {
    seed: number;
    drawn: { near: number; exact: number };
    labelled: number;
    unlabelled: number;
    precision: { near: number | null; exact: number | null; weighted: number | null };
  };
  knownCopies: {
    retweetOfOriginal: { pairs: number; sameFamily: number; recall: number | null; recallShortBody: number | null; shortBodyPairs: number };
    retweetsOfOnePost: { pairs: number; sameFamily: number; recall: number | null };
  };
  methods: MethodComparison;
  parameters: typeof NEAR_DUPLICATE_PARAMETERS;
}

interface MethodScore {
  method: string;
  flagged: number;
  precision: number | null;
  recall: number | null;
  knownCopyRecall: number | null;
}

interface MethodComparison {
  /** Pairs within each event of tweets with at least `minWords` words. */
  pairs: number;
  /** Of those, at or above the Jaccard threshold (exact shingle sets): the reference. */
  nearByExactJaccard: number;
  scores: MethodScore[];
}

export function evaluateDedup(events: readonly CrisisEvent[], labels: readonly DedupLabel[]): DedupFigures {
  const seen = new Set<string>();
  const tweets: { id: string; text: string; time: string; event: string }[] = [];
  let duplicateIdsSkipped = 0;
  for (const event of events) {
    for (const tweet of event.tweets) {
      // A few tweets appear under two events (or twice in one); each is one item.
      if (seen.has(tweet.id)) {
        duplicateIdsSkipped++;
        continue;
      }
      seen.add(tweet.id);
      tweets.push({ id: tweet.id, text: tweet.text, time: snowflakeTime(tweet.id), event: event.name });
    }
  }

  const addStart = performance.now();
  const index = new ProvenanceIndex();
  for (const tweet of tweets) index.add({ id: tweet.id, text: tweet.text, time: tweet.time });
  const familiesStart = performance.now();
  const placements = index.placements();
  const familiesEnd = performance.now();

  const sizes = new Map<string, number>();
  for (const placement of placements.values()) sizes.set(placement.family, (sizes.get(placement.family) ?? 0) + 1);
  const multi = [...sizes.values()].filter((size) => size > 1);
  const inMulti = (keep: (tweet: (typeof tweets)[number]) => boolean): number => {
    const chosen = tweets.filter(keep);
    return chosen.length === 0 ? 0 : round(chosen.filter((tweet) => (sizes.get(placements.get(tweet.id)?.family ?? '') ?? 0) > 1).length / chosen.length, 4);
  };
  const histogram: Record<string, number> = { '2': 0, '3–5': 0, '6–10': 0, '11–50': 0, '51+': 0 };
  for (const size of multi) {
    const bucket = size === 2 ? '2' : size <= 5 ? '3–5' : size <= 10 ? '6–10' : size <= 50 ? '11–50' : '51+';
    histogram[bucket] = (histogram[bucket] ?? 0) + 1;
  }
  const links: Record<string, number> = {};
  for (const placement of placements.values()) links[placement.link] = (links[placement.link] ?? 0) + 1;

  return {
    tweets: tweets.length,
    duplicateIdsSkipped,
    seconds: { add: round((familiesStart - addStart) / 1000, 3), families: round((familiesEnd - familiesStart) / 1000, 3) },
    families: {
      count: sizes.size,
      multiMember: multi.length,
      tweetsInMultiMember: multi.reduce((sum, size) => sum + size, 0),
      shareInMultiMember: inMulti(() => true),
      shareInMultiMemberByLanguage: { es: inMulti((tweet) => SPANISH_EVENTS.has(tweet.event)), en: inMulti((tweet) => !SPANISH_EVENTS.has(tweet.event)) },
      largest: Math.max(0, ...multi),
      sizeHistogram: histogram,
      links,
    },
    labelledSample: scoreSample(placements, labels),
    knownCopies: knownCopies(tweets, placements),
    methods: compareMethods(events),
    parameters: NEAR_DUPLICATE_PARAMETERS,
  };
}

/**
 * The pairs to label: for each text link kind, the k (member, parent) links whose SHA-256 of
 * `seed:member` is least (bottom-k sampling: a uniform sample that stays put when other links
 * come or go, so labels made once keep serving after a parameter change).
 */
export function drawSample(placements: ReadonlyMap<string, FamilyPlacement>): { member: string; parent: string; link: 'near' | 'exact' }[] {
  const sample: { member: string; parent: string; link: 'near' | 'exact' }[] = [];
  for (const link of ['near', 'exact'] as const) {
    const pool = [...placements]
      .filter(([, placement]) => placement.link === link && placement.parent !== null)
      .map(([member, placement]) => ({ member, parent: placement.parent ?? '', link, key: createHash('sha256').update(`${DEDUP_SAMPLE.seed}:${member}`).digest('hex') }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    sample.push(...pool.slice(0, DEDUP_SAMPLE[link]).map(({ member, parent }) => ({ member, parent, link })));
  }
  return sample;
}

export function readDedupLabels(path = DEDUP_LABELS): DedupLabel[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as DedupLabel);
}

function scoreSample(placements: ReadonlyMap<string, FamilyPlacement>, labels: readonly DedupLabel[]): DedupFigures['labelledSample'] {
  const sample = drawSample(placements);
  const byPair = new Map(labels.map((label) => [`${label.member}>${label.parent}`, label]));
  const found = sample.map((pair) => byPair.get(`${pair.member}>${pair.parent}`) ?? null);
  const precisionOf = (link: 'near' | 'exact'): number | null => {
    const labelled = found.filter((label): label is DedupLabel => label !== null && label.link === link);
    return labelled.length === 0 ? null : round(labelled.filter((label) => label.label === 'copy').length / labelled.length, 4);
  };
  const near = precisionOf('near');
  const exact = precisionOf('exact');
  // Each kind's precision weighted by how many links of that kind the families hold.
  let nearLinks = 0;
  let exactLinks = 0;
  for (const placement of placements.values()) {
    if (placement.link === 'near') nearLinks++;
    if (placement.link === 'exact') exactLinks++;
  }
  const weighted = near === null || exact === null ? null : round((near * nearLinks + exact * exactLinks) / (nearLinks + exactLinks), 4);
  return {
    seed: DEDUP_SAMPLE.seed,
    drawn: { near: sample.filter((pair) => pair.link === 'near').length, exact: sample.filter((pair) => pair.link === 'exact').length },
    labelled: found.filter((label) => label !== null).length,
    unlabelled: found.filter((label) => label === null).length,
    precision: { near, exact, weighted },
  };
}

interface KnownCopy {
  copy: string;
  original: string;
  shortBody: boolean;
}

/** Retweets paired with their original in the set, and retweets of one post paired with each other. */
function findKnownCopies(tweets: readonly { id: string; text: string; event: string }[]): { ofOriginal: KnownCopy[]; ofOnePost: KnownCopy[] } {
  const ofOriginal: KnownCopy[] = [];
  const ofOnePost: KnownCopy[] = [];
  const byEvent = new Map<string, { id: string; text: string; handle: string | null; folded: string; words: number }[]>();
  for (const tweet of tweets) {
    const folded = foldForResemblance(tweet.text);
    const list = byEvent.get(tweet.event) ?? [];
    list.push({ id: tweet.id, text: tweet.text, handle: RETWEET.exec(tweet.text)?.[1]?.toLowerCase() ?? null, folded: folded.text, words: folded.words.length });
    byEvent.set(tweet.event, list);
  }
  for (const list of byEvent.values()) {
    const originals = list.filter((tweet) => tweet.handle === null && tweet.words > 0);
    const retweets = list.filter((tweet) => tweet.handle !== null && tweet.words >= 3);
    for (const retweet of retweets) {
      // The retweet may be cut short ("…"): its words are then a prefix of the original's.
      for (const original of originals) {
        if (original.folded === retweet.folded || original.folded.startsWith(`${retweet.folded} `)) {
          ofOriginal.push({ copy: retweet.id, original: original.id, shortBody: retweet.words < NEAR_DUPLICATE_PARAMETERS.minWords });
        }
      }
    }
    for (let i = 0; i < retweets.length; i++) {
      for (let j = i + 1; j < retweets.length; j++) {
        const a = retweets[i];
        const b = retweets[j];
        if (a === undefined || b === undefined || a.handle !== b.handle) continue;
        if (a.folded === b.folded || a.folded.startsWith(`${b.folded} `) || b.folded.startsWith(`${a.folded} `)) {
          ofOnePost.push({ copy: b.id, original: a.id, shortBody: Math.min(a.words, b.words) < NEAR_DUPLICATE_PARAMETERS.minWords });
        }
      }
    }
  }
  return { ofOriginal, ofOnePost };
}

function knownCopies(tweets: readonly { id: string; text: string; event: string }[], placements: ReadonlyMap<string, FamilyPlacement>): DedupFigures['knownCopies'] {
  const { ofOriginal, ofOnePost } = findKnownCopies(tweets);
  const together = (pair: KnownCopy): boolean => placements.get(pair.copy)?.family === placements.get(pair.original)?.family;
  const share = (pairs: readonly KnownCopy[]): number | null => (pairs.length === 0 ? null : round(pairs.filter(together).length / pairs.length, 4));
  const short = ofOriginal.filter((pair) => pair.shortBody);
  return {
    retweetOfOriginal: { pairs: ofOriginal.length, sameFamily: ofOriginal.filter(together).length, recall: share(ofOriginal), recallShortBody: share(short), shortBodyPairs: short.length },
    retweetsOfOnePost: { pairs: ofOnePost.length, sameFamily: ofOnePost.filter(together).length, recall: share(ofOnePost) },
  };
}

/**
 * Every pair of tweets within one event, among those long enough to be matched by resemblance:
 * the exact Jaccard similarity of their shingle sets decides the reference ("near" at the
 * families' thresholds); MinHash+LSH (a shared band, then the estimate) and SimHash (Hamming
 * distance at most k) are scored against it, and on the known copies among those tweets.
 */
function compareMethods(events: readonly CrisisEvent[]): MethodComparison {
  const p = NEAR_DUPLICATE_PARAMETERS;
  const length = p.bands * p.rows;
  let pairs = 0;
  let reference = 0;
  const flagged = { minhash: 0, ...Object.fromEntries(SIMHASH_DISTANCES.map((k) => [`simhash${k}`, 0])) } as Record<string, number>;
  const agreed = { ...flagged };
  const knownFound = { ...flagged };
  let known = 0;
  for (const event of events) {
    const tweets = event.tweets
      .map((tweet) => ({ id: tweet.id, text: tweet.text, folded: foldForResemblance(tweet.text) }))
      .filter((tweet) => tweet.folded.words.length >= p.minWords);
    const shingles = tweets.map((tweet) => shingleHashes(tweet.folded.words, p.shingleWords));
    const signatures = shingles.map((set) => minHashSignature(set, length));
    const bands = signatures.map((signature) => Array.from({ length: p.bands }, (_, band) => bandKey(signature, 0, band, p.rows)));
    const simhashes = shingles.map((set) => simHash64(set));
    const { ofOriginal, ofOnePost } = findKnownCopies(tweets.map((tweet) => ({ ...tweet, event: event.name })));
    const knownPairs = new Set([...ofOriginal, ...ofOnePost].map((pair) => [pair.copy, pair.original].sort().join('>')));
    for (let i = 0; i < tweets.length; i++) {
      for (let j = i + 1; j < tweets.length; j++) {
        pairs++;
        const a = tweets[i];
        const b = tweets[j];
        const sa = signatures[i];
        const sb = signatures[j];
        if (a === undefined || b === undefined || sa === undefined || sb === undefined) continue;
        const threshold = Math.min(a.folded.words.length, b.folded.words.length) < p.shortWords ? p.shortNearThreshold : p.nearThreshold;
        const truth = jaccard(shingles[i] ?? new Uint32Array(), shingles[j] ?? new Uint32Array()) >= threshold;
        const isKnown = knownPairs.has([a.id, b.id].sort().join('>'));
        if (truth) reference++;
        if (isKnown) known++;
        const bandsA = bands[i] ?? [];
        const bandsB = bands[j] ?? [];
        let estimate = 0;
        for (let k = 0; k < length; k++) if (sa[k] === sb[k]) estimate++;
        const verdicts: Record<string, boolean> = { minhash: bandsA.some((key, band) => key === bandsB[band]) && estimate / length >= threshold };
        const distance = hamming(simhashes[i] ?? '', simhashes[j] ?? '');
        for (const k of SIMHASH_DISTANCES) verdicts[`simhash${k}`] = distance <= k;
        for (const [method, verdict] of Object.entries(verdicts)) {
          if (!verdict) continue;
          flagged[method] = (flagged[method] ?? 0) + 1;
          if (truth) agreed[method] = (agreed[method] ?? 0) + 1;
          if (isKnown) knownFound[method] = (knownFound[method] ?? 0) + 1;
        }
      }
    }
  }
  const scores = Object.keys(flagged).map((method) => ({
    method: method === 'minhash' ? `MinHash+LSH ${p.bands}×${p.rows}, Jaccard ≥ ${p.nearThreshold} (≥ ${p.shortNearThreshold} under ${p.shortWords} words)` : `SimHash 64-bit, Hamming ≤ ${method.slice(7)}`,
    flagged: flagged[method] ?? 0,
    precision: (flagged[method] ?? 0) === 0 ? null : round((agreed[method] ?? 0) / (flagged[method] ?? 1), 4),
    recall: reference === 0 ? null : round((agreed[method] ?? 0) / reference, 4),
    knownCopyRecall: known === 0 ? null : round((knownFound[method] ?? 0) / known, 4),
  }));
  return { pairs, nearByExactJaccard: reference, scores };
}

export function dedupLines(figures: DedupFigures): string[] {
  const f = figures.families;
  const s = figures.labelledSample;
  const k = figures.knownCopies;
  const lines = [
    `Near-duplicate and provenance families (ProvenanceIndex) on CrisisLexT26: ${figures.tweets.toLocaleString('en-US')} tweets as one stream (${figures.duplicateIdsSkipped} repeated ${figures.duplicateIdsSkipped === 1 ? 'id' : 'ids'} skipped)`,
    ...table(
      ['families', 'value'],
      [
        ['families', f.count.toLocaleString('en-US')],
        ['families of 2 or more', f.multiMember.toLocaleString('en-US')],
        ['tweets in families of 2 or more', `${f.tweetsInMultiMember.toLocaleString('en-US')} (${percent(f.shareInMultiMember)})`],
        ['  Spanish events / English events', `${percent(f.shareInMultiMemberByLanguage.es)} / ${percent(f.shareInMultiMemberByLanguage.en)}`],
        ['largest family', String(f.largest)],
        ['sizes 2 | 3–5 | 6–10 | 11–50 | 51+', Object.values(f.sizeHistogram).join(' | ')],
        ['links root | exact | near', `${f.links['root'] ?? 0} | ${f.links['exact'] ?? 0} | ${f.links['near'] ?? 0}`],
        ['time: add all | families', `${figures.seconds.add} s | ${figures.seconds.families} s`],
      ],
    ),
    '',
    `Pair precision on a labelled sample (seed ${s.seed}; ${s.drawn.near} near + ${s.drawn.exact} exact (member, parent) links; ${s.labelled} labelled, ${s.unlabelled} without a label)`,
    ...table(
      ['link', 'precision'],
      [
        ['near', percent(s.precision.near)],
        ['exact', percent(s.precision.exact)],
        ['all text links (weighted by kind)', percent(s.precision.weighted)],
      ],
    ),
    '',
    'Recall on known copies (text only: the eval gives the index no retweet links)',
    ...table(
      ['known copies', 'pairs', 'same family', 'recall'],
      [
        ['"RT @user: text" with the original in the set', String(k.retweetOfOriginal.pairs), String(k.retweetOfOriginal.sameFamily), percent(k.retweetOfOriginal.recall)],
        [`  of which the text has under ${figures.parameters.minWords} words`, String(k.retweetOfOriginal.shortBodyPairs), '', percent(k.retweetOfOriginal.recallShortBody)],
        ['two retweets of one post', String(k.retweetsOfOnePost.pairs), String(k.retweetsOfOnePost.sameFamily), percent(k.retweetsOfOnePost.recall)],
      ],
    ),
    '  Known copies are verbatim retweets only. Recall over all copies would need labelled tweet pairs drawn by',
    '  stratum of exact bigram Jaccard (oversampling 0.2–0.5, where copies and look-alikes mix), each stratum weighted by its size.',
    '',
    `MinHash+LSH against SimHash: ${figures.methods.pairs.toLocaleString('en-US')} pairs within events of tweets with ≥ ${figures.parameters.minWords} words; reference = exact Jaccard of the word-bigram sets at the families' thresholds (${figures.methods.nearByExactJaccard.toLocaleString('en-US')} pairs)`,
    ...table(
      ['method', 'pairs flagged', 'precision', 'recall', 'known-copy recall'],
      figures.methods.scores.map((score) => [score.method, score.flagged.toLocaleString('en-US'), percent(score.precision), percent(score.recall), percent(score.knownCopyRecall)]),
    ),
  ];
  return lines;
}

/** A tweet's post time from its snowflake id (data README): (id >> 22) + 1288834974657 ms. */
function snowflakeTime(id: string): string {
  return new Date(Number((BigInt(id) >> 22n) + 1288834974657n)).toISOString();
}

