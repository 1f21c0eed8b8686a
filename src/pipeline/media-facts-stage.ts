import { MediaFacts, diagnostic, type Diagnostic, type MediaRef, type RawItem } from '../model/index.js';
import type { Stage } from './pipeline.js';

/** Reads what a stored photo, video or sound file says about itself (EXIF, size, perceptual hashes). */
export type DescribeStoredMedia = (input: { path: string; mediaType: string | null; sha256: string }) => Promise<MediaFacts>;

export interface MediaFactsStageOptions {
  /** Where the vault keeps the evidentiary copy of a content hash. */
  objectPath: (sha256: string) => string;
  describe: DescribeStoredMedia;
  /** Which of these hashes the store already describes (an earlier run, another source). */
  known: (sha256s: readonly string[]) => Promise<Set<string>>;
  /** Facts to store with the items of the same batch. */
  keep: (facts: MediaFacts) => void;
}

/** Media kinds that are pictures, videos or sound, whatever the source calls them. */
const DESCRIBED_KINDS = new Set(['photo', 'video', 'animation', 'sticker', 'voice', 'audio', 'video_message', 'round_video', 'screenshot', 'media', 'image', 'gif']);

function worthDescribing(ref: MediaRef): boolean {
  if (ref.status !== 'captured' || ref.sha256 === null) return false;
  if (ref.mediaType !== null) return /^(image|video|audio)\//.test(ref.mediaType);
  return DESCRIBED_KINDS.has(ref.kind);
}

/**
 * Describe every captured picture, video and sound file once per content hash: what it is, its
 * size, its EXIF (capture time, place, device) and its perceptual hashes, for near-copy
 * look-ups. Problems with a file become diagnostics at the item that carried it; the item is
 * never held back. A media item (a photo given directly) brings its facts along.
 */
export function mediaFactsStage(options: MediaFactsStageOptions): Stage<RawItem, RawItem> {
  const done = new Set<string>();
  return {
    name: 'media-facts',
    async *run(input) {
      for await (const batch of input) {
        // Most items carry no media: a batch of those passes as it is.
        if (batch.every((item) => item.media.length === 0 && item.format !== 'media')) {
          yield batch;
          continue;
        }
        const out: (RawItem | Diagnostic)[] = [];
        for (const item of batch) out.push(...(await describeItem(item)), item);
        yield out;
      }
    },
  };

  async function describeItem(item: RawItem): Promise<Diagnostic[]> {
    const problems: Diagnostic[] = [];
    const own = item.format === 'media' ? MediaFacts.safeParse(item.extra['facts']) : null;
    if (own?.success === true && !done.has(own.data.sha256)) {
      done.add(own.data.sha256);
      options.keep(own.data);
    }
    const wanted = item.media.length === 0 ? NOTHING_WANTED : item.media.filter((ref) => worthDescribing(ref) && !done.has(ref.sha256 ?? ''));
    const known = wanted.length === 0 ? NOTHING_KNOWN : await options.known(wanted.map((ref) => ref.sha256 ?? ''));
    for (const ref of wanted) {
      const sha256 = ref.sha256 ?? '';
      if (done.has(sha256)) continue;
      done.add(sha256);
      if (known.has(sha256)) continue;
      const facts = await options.describe({ path: options.objectPath(sha256), mediaType: ref.mediaType, sha256 });
      options.keep(facts);
      for (const problem of facts.problems) {
        problems.push(diagnostic(`media/${problem.code}`, problem.severity, `${ref.ref}: ${problem.message}`, item.origin.file, item.origin.location));
      }
    }
    return problems;
  }
}

const NOTHING_WANTED: readonly MediaRef[] = [];
const NOTHING_KNOWN: ReadonlySet<string> = new Set();
