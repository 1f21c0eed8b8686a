import { SAME_PICTURE_MAX_DISTANCE, hashBands, hamming, type FamilyLink, type FamilyMembership } from '../../model/index.js';
import { foldForMatching } from './fold.js';
import { bandKey, estimatedJaccard, exactTextHash, hashWord, minHashSignature, shingleHashes } from './minhash.js';
import { NEAR_DUPLICATE_PARAMETERS, type NearDuplicateParameters } from './parameters.js';

/**
 * The copy link a source states outright: a Telegram forward ("Forwarded from <channel>"), a
 * retweet or Mastodon boost ("repost"), a quote post. `item` names the original (an entry's `id`
 * or `externalId`, e.g. `twitter:1234`); a Telegram export names only the origin `channel`
 * (an entry's `channel`), so the original is then that channel's earlier post that resembles it.
 */
export interface CopyLink {
  readonly kind: 'forward' | 'repost' | 'quote';
  readonly item?: string | null;
  readonly channel?: string | null;
}

export interface ProvenanceEntry {
  readonly id: string;
  readonly text: string;
  /** ISO 8601 with an offset; null when the source gives none (it then sorts after every dated item). */
  readonly time: string | null;
  /** The platform's id (`twitter:1234`, `telegram:channel123/45`), so that copy links by it resolve. */
  readonly externalId?: string | null;
  /** The channel or account that posted it (`telegram:channel123`), for forwards that name only the channel. */
  readonly channel?: string | null;
  /** The channel's display name ("Alerta Llanera"): a forward may name its origin only so. */
  readonly channelName?: string | null;
  readonly forwardOf?: CopyLink | null;
  /** 64-bit perceptual hashes (16 hex digits) of its pictures and video keyframes. */
  readonly mediaHashes?: readonly string[];
}

/** Where one report sits in its family, and how sure the link is: similarity 1 for exact, the Jaccard estimate for near, 1 − d/64 for a picture. */
export interface FamilyPlacement extends FamilyMembership {
  readonly similarity: number | null;
}

/** Items beyond this do not fit the packed sort keys (2²¹); a case this large is split by time first. */
export const MAX_PROVENANCE_ITEMS = 1 << 21;
const RANK_SPACE = 2 ** 21;
/** How many of a forward's origin channel's latest earlier posts are compared with it. */
const CHANNEL_LOOKBACK = 256;
const HEX64 = /^[0-9a-f]{16}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const BLOCK_ITEMS = 4096;

interface StoredEntry {
  readonly id: string;
  readonly externalId: string | null;
  readonly time: number;
  readonly channel: string | null;
  readonly channelName: string | null;
  readonly forwardOf: CopyLink | null;
  readonly words: number;
  /** How many distinct shingles the text has: with the Jaccard estimate, it gives containment. */
  readonly shingles: number;
  /** A hash of the folded text (with its URLs for a short one) when the text may join by an exact copy; NaN when not. */
  readonly exactKey: number;
  /** A hash of the folded text whatever its length (NaN when empty): a forward from a named channel may be short. */
  readonly textKey: number;
  /** Whether the text is long enough for resemblance (its signature is then at `slot`). */
  readonly near: boolean;
  readonly slot: number;
  readonly media: readonly string[];
}

/**
 * Provenance families, built incrementally: add items one at a time in any order, keeping only
 * a fixed-size MinHash signature and a few keys per item (never the text), then ask for the
 * families. The same set of items in any order gives the same families: every decision is
 * taken in the canonical order (time, then id).
 *
 * Each item's parent is its explicit copy link's target when that is earlier, else the earlier
 * item it resembles most (ties: the earliest), by text (exact, then near) or else by picture.
 * An item that resembles no earlier one is a root. Joining only to *earlier* items keeps every
 * tree edge a possible copy and stops two independent posts from being chained together through
 * a later post that resembles both. Replies never join: a reply is a new statement, and a
 * witness answering "yes, here too" is independent confirmation.
 */
export class ProvenanceIndex {
  private readonly entries: StoredEntry[] = [];
  private readonly byId = new Map<string, number>();
  /** Signatures in fixed blocks of BLOCK_ITEMS items, so that growing never copies them. */
  private readonly blocks: Uint32Array[] = [];
  private nearCount = 0;
  private readonly length: number;

  constructor(private readonly parameters: NearDuplicateParameters = NEAR_DUPLICATE_PARAMETERS) {
    this.length = parameters.bands * parameters.rows;
  }

  get size(): number {
    return this.entries.length;
  }

  /** Throws a RangeError for a repeated id, a time that is not ISO 8601, or a media hash that is not 16 hex digits. */
  add(entry: ProvenanceEntry): void {
    if (this.byId.has(entry.id)) throw new RangeError(`item "${entry.id}" was already added`);
    if (this.entries.length >= MAX_PROVENANCE_ITEMS) throw new RangeError(`more than ${MAX_PROVENANCE_ITEMS} items: split the set by time first`);
    const time = entry.time === null ? Number.NaN : Date.parse(entry.time);
    if (entry.time !== null && (!ISO_INSTANT.test(entry.time) || Number.isNaN(time))) throw new RangeError(`item "${entry.id}": time "${entry.time}" is not an ISO 8601 instant`);
    const media = (entry.mediaHashes ?? []).map((hash) => hash.toLowerCase());
    const bad = media.find((hash) => !HEX64.test(hash));
    if (bad !== undefined) throw new RangeError(`item "${entry.id}": media hash "${bad}" is not 16 hex digits`);

    const folded = foldForMatching(entry.text);
    const words = folded.words.length;
    const near = words >= this.parameters.minWords;
    const textKey = words > 0 ? exactTextHash(folded) : Number.NaN;
    let exactKey = Number.NaN;
    if (near) exactKey = textKey;
    // Negative, so that a short text's key never meets a long text's.
    else if (words > 0 && folded.urls.length > 0) exactKey = -1 - hashWord([...folded.urls].sort().join(' '), exactTextHash(folded) >>> 0);
    let slot = -1;
    let shingles = 0;
    if (near) {
      slot = this.nearCount++;
      if (slot % BLOCK_ITEMS === 0) this.blocks.push(new Uint32Array(BLOCK_ITEMS * this.length));
      const set = shingleHashes(folded.words, this.parameters.shingleWords);
      shingles = set.length;
      const offset = this.offsetOf(slot);
      minHashSignature(set, this.length, this.blockOf(slot).subarray(offset, offset + this.length));
    }
    this.byId.set(entry.id, this.entries.length);
    this.entries.push({
      id: entry.id,
      externalId: entry.externalId ?? null,
      time,
      channel: entry.channel ?? null,
      channelName: entry.channelName ?? null,
      forwardOf: entry.forwardOf ?? null,
      words,
      shingles,
      exactKey,
      textKey,
      near,
      slot,
      media,
    });
  }

  /** Every item's family, keyed by id, in the canonical order (time, then id). */
  families(): Map<string, FamilyMembership> {
    const out = new Map<string, FamilyMembership>();
    for (const [id, placement] of this.placements()) out.set(id, { family: placement.family, root: placement.root, parent: placement.parent, link: placement.link });
    return out;
  }

  /** As `families`, with the similarity that decided each link. */
  placements(): Map<string, FamilyPlacement> {
    const order = this.canonicalOrder();
    const n = order.length;
    const rankOf = new Int32Array(this.entries.length);
    order.forEach((index, rank) => (rankOf[index] = rank));
    const at = (rank: number): StoredEntry => this.entries[order[rank] ?? -1] as StoredEntry;

    const exactParent = this.exactGroups(order);
    const bands = this.bandIndex(order, exactParent);
    const visited = new Int32Array(n);
    const mediaCandidates = this.pictureCandidates(order);
    const byExternal = new Map<string, number>();
    const channelRanks = new Map<string, number[]>();
    for (let rank = 0; rank < n; rank++) {
      const entry = at(rank);
      if (entry.externalId !== null && !byExternal.has(entry.externalId)) byExternal.set(entry.externalId, rank);
      for (const channel of new Set([entry.channel, entry.channelName])) {
        if (channel === null) continue;
        const list = channelRanks.get(channel) ?? [];
        list.push(rank);
        channelRanks.set(channel, list);
      }
    }

    const familyOf = new Int32Array(n);
    const placements = new Map<string, FamilyPlacement>();
    for (let rank = 0; rank < n; rank++) {
      const entry = at(rank);
      const choice =
        this.explicitParent(entry, rank, rankOf, byExternal, channelRanks, order) ?? this.textParent(entry, rank, exactParent, bands, visited, order) ?? this.pictureParent(rank, mediaCandidates);
      familyOf[rank] = choice === null ? rank : (familyOf[choice.parent] ?? rank);
      const root = at(familyOf[rank] ?? rank).id;
      placements.set(entry.id, {
        family: root,
        root,
        parent: choice === null ? null : at(choice.parent).id,
        link: choice === null ? 'root' : choice.link,
        similarity: choice === null ? null : choice.similarity,
      });
    }
    return placements;
  }

  /** Indices into `entries` sorted by time (undated last), then id. */
  private canonicalOrder(): number[] {
    const order = this.entries.map((_entry, index) => index);
    order.sort((a, b) => {
      const x = this.entries[a] as StoredEntry;
      const y = this.entries[b] as StoredEntry;
      const xt = Number.isNaN(x.time) ? Number.POSITIVE_INFINITY : x.time;
      const yt = Number.isNaN(y.time) ? Number.POSITIVE_INFINITY : y.time;
      if (xt !== yt) return xt < yt ? -1 : 1;
      return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
    });
    return order;
  }

  /** For each rank, the rank of the earliest item with the same exact key (itself when it is the first), or −1. */
  private exactGroups(order: readonly number[]): Int32Array {
    const first = new Map<number, number>();
    const parent = new Int32Array(order.length).fill(-1);
    order.forEach((index, rank) => {
      const key = (this.entries[index] as StoredEntry).exactKey;
      if (Number.isNaN(key)) return;
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, rank);
      parent[rank] = earlier ?? rank;
    });
    return parent;
  }

  private blockOf(slot: number): Uint32Array {
    return this.blocks[Math.floor(slot / BLOCK_ITEMS)] as Uint32Array;
  }

  private offsetOf(slot: number): number {
    return (slot % BLOCK_ITEMS) * this.length;
  }

  /**
   * The LSH index over the first item of each exact group (its copies follow it): per band, the
   * ranks sorted by the band's key (then rank), where each rank sits, and where its run of equal
   * keys starts. 12 bytes per item and band, for the time `placements` runs.
   */
  private bandIndex(order: readonly number[], exactParent: Int32Array): BandIndex {
    const { bands, rows } = this.parameters;
    const ranks: number[] = [];
    order.forEach((index, rank) => {
      const entry = this.entries[index] as StoredEntry;
      if (entry.near && exactParent[rank] === rank) ranks.push(rank);
    });
    const keyed = new Float64Array(ranks.length);
    const index: BandIndex = [];
    for (let band = 0; band < bands; band++) {
      ranks.forEach((rank, i) => {
        const slot = (this.entries[order[rank] ?? -1] as StoredEntry).slot;
        keyed[i] = bandKey(this.blockOf(slot), this.offsetOf(slot), band, rows) * RANK_SPACE + rank;
      });
      keyed.sort();
      const sorted = new Int32Array(keyed.length);
      const runStart = new Int32Array(keyed.length);
      const position = new Int32Array(order.length).fill(-1);
      let previousKey = -1;
      for (let i = 0; i < keyed.length; i++) {
        const value = keyed[i] ?? 0;
        const key = Math.floor(value / RANK_SPACE);
        const rank = value - key * RANK_SPACE;
        sorted[i] = rank;
        position[rank] = i;
        runStart[i] = key === previousKey ? (runStart[i - 1] ?? i) : i;
        previousKey = key;
      }
      index.push({ sorted, runStart, position });
    }
    return index;
  }

  /** For each rank, the earlier ranks sharing a picture, with the smallest Hamming distance; multi-index hashing on the bands. */
  private pictureCandidates(order: readonly number[]): Map<number, { earlier: number; distance: number }[]> {
    const buckets = new Map<string, number[]>();
    const found = new Map<number, Map<number, number>>();
    order.forEach((index, rank) => {
      const entry = this.entries[index] as StoredEntry;
      for (const hash of entry.media) {
        const bands = hashBands(hash, SAME_PICTURE_MAX_DISTANCE);
        const seen = new Set<number>();
        for (const band of bands) {
          const bucket = buckets.get(band) ?? [];
          for (const other of bucket) {
            if (seen.has(other) || other === rank) continue;
            seen.add(other);
            const best = Math.min(...(this.entries[order[other] ?? -1] as StoredEntry).media.map((theirs) => hamming(hash, theirs)));
            if (best > SAME_PICTURE_MAX_DISTANCE) continue;
            const mine = found.get(rank) ?? new Map<number, number>();
            mine.set(other, Math.min(best, mine.get(other) ?? Number.POSITIVE_INFINITY));
            found.set(rank, mine);
          }
          if (bucket[bucket.length - 1] !== rank) bucket.push(rank);
          buckets.set(band, bucket);
        }
      }
    });
    const out = new Map<number, { earlier: number; distance: number }[]>();
    for (const [rank, others] of found) out.set(rank, [...others].map(([earlier, distance]) => ({ earlier, distance })));
    return out;
  }

  private explicitParent(
    entry: StoredEntry,
    rank: number,
    rankOf: Int32Array,
    byExternal: ReadonlyMap<string, number>,
    channelRanks: ReadonlyMap<string, readonly number[]>,
    order: readonly number[],
  ): Choice | null {
    const link = entry.forwardOf;
    if (link === null) return null;
    if (link.item !== undefined && link.item !== null) {
      const byId = this.byId.get(link.item);
      const target = byId === undefined ? byExternal.get(link.item) : rankOf[byId];
      // A copy cannot come before its original; a target dated later (or undated) is left out.
      if (target !== undefined && target < rank) return { parent: target, link: link.kind, similarity: null };
    }
    if (link.channel !== undefined && link.channel !== null) {
      const candidates = channelRanks.get(link.channel) ?? [];
      let best: Choice | null = null;
      let end = candidates.length;
      while (end > 0 && (candidates[end - 1] ?? 0) >= rank) end--;
      for (let i = Math.max(0, end - CHANNEL_LOOKBACK); i < end; i++) {
        const earlier = candidates[i] ?? 0;
        const similarity = this.resemblance(entry, this.entries[order[earlier] ?? -1] as StoredEntry);
        if (similarity !== null && similarity >= this.parameters.forwardThreshold && (best === null || similarity > (best.similarity ?? 0))) {
          best = { parent: earlier, link: link.kind, similarity };
        }
      }
      return best;
    }
    return null;
  }

  /**
   * How much a forward resembles a post of the channel it names: the same folded text (at any
   * length: the channel is known, so "Fuerte explosión!!" forwarded from it is its post) 1, else
   * the Jaccard estimate, else a shared picture (1 − d/64), else null.
   */
  private resemblance(a: StoredEntry, b: StoredEntry): number | null {
    if (!Number.isNaN(a.textKey) && a.textKey === b.textKey) return 1;
    if (a.near && b.near) return estimatedJaccard(this.blockOf(a.slot), this.offsetOf(a.slot), this.blockOf(b.slot), this.offsetOf(b.slot), this.length);
    let best: number | null = null;
    for (const mine of a.media) {
      for (const theirs of b.media) {
        const distance = hamming(mine, theirs);
        if (distance <= SAME_PICTURE_MAX_DISTANCE) best = Math.max(best ?? 0, 1 - distance / 64);
      }
    }
    return best;
  }

  private textParent(entry: StoredEntry, rank: number, exactParent: Int32Array, bands: BandIndex, visited: Int32Array, order: readonly number[]): Choice | null {
    const first = exactParent[rank] ?? -1;
    if (first !== -1 && first !== rank) return { parent: first, link: 'exact', similarity: 1 };
    if (!entry.near) return null;
    const cap = this.parameters.bucketCap;
    let best: Choice | null = null;
    const consider = (earlier: number): void => {
      if (visited[earlier] === rank + 1) return;
      visited[earlier] = rank + 1;
      const similarity = this.textSimilarity(entry, this.entries[order[earlier] ?? -1] as StoredEntry);
      if (similarity !== null && (best === null || similarity > (best.similarity ?? 0) || (similarity === best.similarity && earlier < best.parent))) {
        best = { parent: earlier, link: 'near', similarity };
      }
    };
    for (const { sorted, runStart, position } of bands) {
      const at = position[rank] ?? -1;
      if (at < 0) continue;
      const start = runStart[at] ?? at;
      // Within a run ranks ascend: compare with the earliest and the latest earlier members.
      const head = Math.min(at, start + cap);
      for (let i = start; i < head; i++) consider(sorted[i] ?? 0);
      for (let i = Math.max(head, at - cap); i < at; i++) consider(sorted[i] ?? 0);
    }
    return best;
  }

  /**
   * The estimated Jaccard similarity when it reaches its threshold, else the share of the shorter
   * text's shingles found in the longer one when that reaches its; null when neither does.
   */
  private textSimilarity(a: StoredEntry, b: StoredEntry): number | null {
    const p = this.parameters;
    const threshold = Math.min(a.words, b.words) < p.shortWords ? p.shortNearThreshold : p.nearThreshold;
    const smaller = Math.min(a.shingles, b.shingles);
    const total = a.shingles + b.shingles;
    const canContain = Math.min(a.words, b.words) >= p.containedMinWords;
    // The least Jaccard similarity that could pass either test: stop counting once it cannot be reached.
    const containmentNeeds = (p.containmentThreshold * smaller) / (total - p.containmentThreshold * smaller);
    const least = canContain ? Math.min(threshold, containmentNeeds) : threshold;
    const jaccard = agreementAtLeast(this.blockOf(a.slot), this.offsetOf(a.slot), this.blockOf(b.slot), this.offsetOf(b.slot), this.length, least);
    if (jaccard === null) return null;
    if (jaccard >= threshold) return jaccard;
    if (!canContain || jaccard === 0) return null;
    // |A ∩ B| = J · (|A| + |B|) / (1 + J)
    const containment = Math.min(1, (jaccard * total) / (1 + jaccard) / smaller);
    return containment >= p.containmentThreshold ? containment : null;
  }

  private pictureParent(rank: number, candidates: ReadonlyMap<number, readonly { earlier: number; distance: number }[]>): Choice | null {
    let best: { earlier: number; distance: number } | null = null;
    for (const candidate of candidates.get(rank) ?? []) {
      if (best === null || candidate.distance < best.distance || (candidate.distance === best.distance && candidate.earlier < best.earlier)) best = candidate;
    }
    return best === null ? null : { parent: best.earlier, link: 'media', similarity: 1 - best.distance / 64 };
  }
}

type BandIndex = { sorted: Int32Array; runStart: Int32Array; position: Int32Array }[];

interface Choice {
  readonly parent: number;
  readonly link: FamilyLink;
  readonly similarity: number | null;
}

/** The share of agreeing positions of two signatures, or null as soon as it cannot reach `least`. */
function agreementAtLeast(aBlock: Uint32Array, a: number, bBlock: Uint32Array, b: number, length: number, least: number): number | null {
  const allowed = length - Math.ceil(least * length - 1e-9);
  let differ = 0;
  for (let i = 0; i < length; i++) {
    if (aBlock[a + i] !== bBlock[b + i] && ++differ > allowed) return null;
  }
  return (length - differ) / length;
}
