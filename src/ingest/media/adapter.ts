import { createHash } from 'node:crypto';
import { diagnostic, rawItemId, type Diagnostic, type HashAlgorithm, type MediaFacts, type RawItem } from '../../model/index.js';
import type { IngestAdapter, ParseInput, ParseOutput } from '../adapter.js';
import { describeHead, describeMedia, type DescribeMediaDeps } from './describe.js';
import { toUtc } from './exif.js';
import { isExecutableFile, systemFfmpeg, type FfmpegRunner } from './ffmpeg.js';
import { mediaTypeFromName, sniffMedia } from './sniff.js';

export interface MediaAdapterDeps {
  /**
   * ffmpeg, or null where it is not installed. A function is asked once, at the first parse, so
   * that building the adapter list does not touch the disk.
   */
  readonly ffmpeg: FfmpegRunner | null | (() => FfmpegRunner | null);
  readonly hashAlgorithm?: HashAlgorithm;
  readonly timeoutMs?: number;
}

/** How much of the stream is kept to describe a file that has no copy on disk (EXIF sits near the start). */
const HEAD_BYTES = 256 * 1024;

/** A photo, video or sound file given directly as a source: one item, the file itself the evidence. */
export function createMediaAdapter(deps: MediaAdapterDeps): IngestAdapter {
  let located: { runner: FfmpegRunner | null } | null = null;
  const ffmpeg = (): FfmpegRunner | null => {
    if (typeof deps.ffmpeg !== 'function') return deps.ffmpeg;
    located ??= { runner: deps.ffmpeg() };
    return located.runner;
  };
  return {
    format: 'media',
    detect: detectMedia,
    parse: (input) => parseMedia(input, deps, ffmpeg),
  };
}

/** The adapter with Debian's /usr/bin/ffmpeg, found (or not) by an access(2) check at the first parse. */
export const mediaAdapter: IngestAdapter = createMediaAdapter({ ffmpeg: () => systemFfmpeg(isExecutableFile) });

/** By content only: a photo's magic bytes are unambiguous; the name cannot make garbage a photo. */
export function detectMedia(head: Uint8Array, _fileName: string): number {
  const { kind } = sniffMedia(head);
  return kind === 'image' || kind === 'video' ? 0.95 : kind === 'audio' ? 0.9 : 0;
}

const baseName = (file: string): string => file.split(/[\\/]/).filter((part) => part !== '').pop() ?? file;

async function* parseMedia(input: ParseInput, deps: MediaAdapterDeps, ffmpeg: () => FfmpegRunner | null): ParseOutput {
  // The whole stream is hashed even when the vault gave a SHA-256: it proves the copy read is that object.
  const hash = createHash('sha256');
  const head = new Uint8Array(HEAD_BYTES);
  let headLength = 0;
  let bytes = 0;
  for await (const chunk of input.stream) {
    hash.update(chunk);
    if (headLength < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - headLength);
      head.set(part, headLength);
      headLength += part.length;
    }
    bytes += chunk.length;
  }
  const computed = hash.digest('hex');
  const out: (RawItem | Diagnostic)[] = [];
  const report = (ruleId: string, severity: Diagnostic['severity'], message: string): void => {
    out.push(diagnostic(ruleId, severity, message, input.file, ''));
  };
  if (input.sha256 !== null && input.sha256 !== computed) {
    report('media/sha256-mismatch', 'error', `the bytes read hash to ${computed}, not to the vault's ${input.sha256}: the facts describe the bytes read`);
  }
  const name = baseName(input.file);
  const describeDeps: DescribeMediaDeps = {
    ffmpeg: ffmpeg(),
    timezone: input.timezone,
    ...(deps.hashAlgorithm === undefined ? {} : { hashAlgorithm: deps.hashAlgorithm }),
    ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }),
  };
  const declared = mediaTypeFromName(name);
  let facts: MediaFacts;
  if (input.path !== undefined && input.path !== null) {
    facts = await describeMedia({ path: input.path, mediaType: declared, sha256: computed }, describeDeps);
  } else {
    // Without a copy on disk: a small file is whole in `head` and fully described; a large one only from its head.
    facts = await describeHead(head.subarray(0, headLength), bytes, computed, declared, describeDeps);
  }
  for (const problem of facts.problems) report(`media/${problem.code}`, problem.severity, problem.message);
  yield* out;
  if (facts.kind === 'other') return;
  yield mediaItem(input, name, facts);
}

function mediaItem(input: ParseInput, name: string, facts: MediaFacts): RawItem {
  const exif = facts.exif;
  const time = exif?.takenAt != null && exif.takenAtHasOffset ? toUtc(exif.takenAt) : null;
  return {
    id: rawItemId(['media', facts.sha256]),
    format: 'media',
    externalId: `media:${facts.sha256}`,
    kind: 'media',
    channel: { id: 'media:files', name: 'Files', type: 'files' },
    author: null,
    time,
    editedTime: null,
    title: name,
    text: '',
    url: null,
    declaredLanguage: null,
    forwardedFrom: null,
    replyTo: null,
    media: [
      {
        kind: facts.kind === 'image' ? 'photo' : facts.kind === 'video' ? 'video' : 'audio',
        ref: name,
        status: 'captured',
        sha256: facts.sha256,
        mediaType: facts.mediaType,
        bytes: facts.bytes,
        width: facts.width,
        height: facts.height,
      },
    ],
    geo: exif?.gps == null ? null : { lat: exif.gps.lat, lon: exif.gps.lon },
    // takenAt is repeated here because `time` stays null when the file gives no offset.
    extra: { takenAt: exif?.takenAt ?? null, takenAtHasOffset: exif?.takenAtHasOffset ?? false, facts },
    origin: { file: input.file, sha256: input.sha256 ?? facts.sha256, location: '', offset: 0, length: facts.bytes },
  };
}
