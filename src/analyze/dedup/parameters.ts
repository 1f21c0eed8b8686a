/**
 * The near-duplicate parameters, chosen by measurement on CrisisLexT26 (docs/analysis/dedup.md,
 * `npm run eval`): word bigrams, 32 bands × 3 rows, Jaccard ≥ 0.5 (≥ 0.7 for texts under ten
 * words) or the shorter text ≥ 95 % contained in the longer (from eight words), no text matching
 * under six words except an exact copy carrying the same link.
 */
export interface NearDuplicateParameters {
  /** Words per shingle. Bigrams keep word order without letting one changed word sink a short text. */
  readonly shingleWords: number;
  /** LSH bands; the MinHash signature has bands × rows values. */
  readonly bands: number;
  readonly rows: number;
  /** Estimated Jaccard similarity of the shingle sets at or above which two texts are near-duplicates. */
  readonly nearThreshold: number;
  /** The stricter threshold when either text has fewer than `shortWords` words. */
  readonly shortNearThreshold: number;
  readonly shortWords: number;
  /**
   * Texts with fewer words never join by resemblance: "Fuerte explosión!!" written by two
   * eyewitnesses is two reports. They join only as an exact copy that carries the same URLs
   * (a retweet of "RT @x: Sismo en Cebu http://t.co/…"), which is a copy of one post.
   */
  readonly minWords: number;
  /**
   * A headline quoted inside a longer post ("“@mashable: 9 Shocking Twitter Pictures…” awful"), a
   * retweet cut short against its whole original: the shorter text's shingles, at least this
   * share of them, are in the longer one's (estimated from the Jaccard estimate and the set sizes).
   */
  readonly containmentThreshold: number;
  /** …and the shorter text has at least this many words: eyewitnesses write short phrases alike. */
  readonly containedMinWords: number;
  /**
   * A forward whose origin channel is in the set, but not which message: its parent is that
   * channel's earlier message it resembles most, at or above this (looser, for the channel is
   * known) similarity.
   */
  readonly forwardThreshold: number;
  /** Per LSH bucket, each item compares with at most this many earliest and this many latest earlier members. */
  readonly bucketCap: number;
}

export const NEAR_DUPLICATE_PARAMETERS: NearDuplicateParameters = {
  shingleWords: 2,
  bands: 32,
  rows: 3,
  nearThreshold: 0.5,
  shortNearThreshold: 0.7,
  shortWords: 10,
  minWords: 6,
  containmentThreshold: 0.95,
  containedMinWords: 8,
  forwardThreshold: 0.3,
  bucketCap: 16,
};
