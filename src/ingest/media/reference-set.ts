import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describeMedia, type DescribeMediaDeps } from './describe.js';
import { kindOf, mediaTypeFromName } from './sniff.js';

/**
 * A reference set from a folder of pictures and videos the user holds (an archive of earlier
 * coverage, pictures found by reverse image search): each file's perceptual hash — the picture's,
 * or each video keyframe's — with the date it was seen, for the recycled-media check in
 * src/analyze/dedup. The hashes are made exactly as ingest makes them (describeMedia).
 */
export interface ReferenceSighting {
  readonly hash: string;
  readonly item: null;
  /** ISO 8601 instant. */
  readonly seen: string;
  /** `<source>:<path inside the folder>`, with `#<seconds>s` for a video keyframe. */
  readonly source: string;
}

export interface ReferenceFolderOptions {
  /** When every file was seen (the archive's date); otherwise each picture's own EXIF time, when it has an offset. */
  readonly seen?: string;
  /** A name for the set in each sighting's source; the folder's path by default. */
  readonly source?: string;
}

export interface ReferenceFolderProblem {
  readonly file: string;
  readonly message: string;
}

export async function hashReferenceFolder(
  folder: string,
  options: ReferenceFolderOptions,
  deps: DescribeMediaDeps,
): Promise<{ sightings: ReferenceSighting[]; problems: ReferenceFolderProblem[] }> {
  if (options.seen !== undefined && Number.isNaN(Date.parse(options.seen))) throw new RangeError(`seen "${options.seen}" is not an ISO 8601 date or instant`);
  const seenForAll = options.seen === undefined ? null : new Date(Date.parse(options.seen)).toISOString();
  const source = options.source ?? folder;
  const sightings: ReferenceSighting[] = [];
  const problems: ReferenceFolderProblem[] = [];
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const path of files) {
    const name = relative(folder, path);
    const declared = mediaTypeFromName(name);
    if (declared === null || !['image', 'video'].includes(kindOf(declared))) continue;
    try {
      const sha256 = createHash('sha256').update(await readFile(path)).digest('hex');
      const facts = await describeMedia({ path, mediaType: declared, sha256 }, deps);
      const exif = facts.exif;
      const ownTime = exif?.takenAt !== null && exif?.takenAt !== undefined && exif.takenAtHasOffset ? new Date(Date.parse(exif.takenAt)).toISOString() : null;
      const seen = seenForAll ?? ownTime;
      if (seen === null) {
        problems.push({ file: name, message: 'no date: the picture has no EXIF time with an offset; give the date the set was seen' });
        continue;
      }
      if (facts.perceptualHash !== null) sightings.push({ hash: facts.perceptualHash, item: null, seen, source: `${source}:${name}` });
      for (const frame of facts.keyframes) sightings.push({ hash: frame.perceptualHash, item: null, seen, source: `${source}:${name}#${frame.timeSeconds}s` });
      if (facts.perceptualHash === null && facts.keyframes.length === 0) {
        problems.push({ file: name, message: facts.problems.map((problem) => problem.message).join('; ') || 'no picture could be hashed' });
      }
    } catch (error) {
      problems.push({ file: name, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { sightings, problems };
}
