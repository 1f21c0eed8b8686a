import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { diagnostic, type Diagnostic, type MediaRef, type RawItem } from '../model/index.js';
import type { Capture, Vault } from '../vault/index.js';
import type { Stage } from './pipeline.js';

export interface MediaStageOptions {
  vault: Vault;
  caseId: string;
  /** The folder of the export on disk; media paths are relative to it. Null for URL sources. */
  baseDir: string | null;
  /** How paths are shown to the user (relative to the case file). */
  display: (absolutePath: string) => string;
}

/**
 * Hash every media file an item names into the vault. A path that is not there, or that
 * points outside the export's folder, becomes a diagnostic; the item still lands.
 */
export function mediaCaptureStage(options: MediaStageOptions): Stage<RawItem, RawItem> {
  const captured = new Map<string, Capture | null>();
  return {
    name: 'media',
    async *run(input) {
      for await (const batch of input) {
        // Most items name no media to capture: a batch of those passes as it is.
        if (!batch.some((item) => item.media.some((m) => m.status === 'pending'))) {
          yield batch;
          continue;
        }
        const out: (RawItem | Diagnostic)[] = [];
        for (const item of batch) {
          if (!item.media.some((m) => m.status === 'pending')) {
            out.push(item);
            continue;
          }
          const problems: Diagnostic[] = [];
          const media: MediaRef[] = [];
          for (const ref of item.media) {
            if (ref.status !== 'pending') {
              media.push(ref);
              continue;
            }
            media.push(await captureOne(ref, item, options, captured, problems));
          }
          out.push(...problems, { ...item, media });
        }
        yield out;
      }
    },
  };
}

async function captureOne(ref: MediaRef, item: RawItem, options: MediaStageOptions, cache: Map<string, Capture | null>, problems: Diagnostic[]): Promise<MediaRef> {
  const report = (ruleId: string, severity: 'error' | 'warning', message: string): MediaRef => {
    problems.push(diagnostic(ruleId, severity, message, item.origin.file, item.origin.location));
    return { ...ref, status: 'missing' };
  };
  if (options.baseDir === null) return report('ingest/media-missing', 'warning', `media "${ref.ref}" is named, but a downloaded source has no folder to find it in`);
  const path = resolve(options.baseDir, ref.ref);
  const base = options.baseDir.endsWith(sep) ? options.baseDir : options.baseDir + sep;
  if (isAbsolute(ref.ref) || !path.startsWith(base)) {
    // An export never points outside its own folder; such a path is an error or an attack.
    return report('ingest/media-outside-source', 'error', `media path "${ref.ref}" leads outside the export's folder; not read`);
  }
  let capture = cache.get(path);
  if (capture === undefined) {
    const info = await stat(path).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
      throw error;
    });
    capture = info?.isFile() === true ? await options.vault.captureFile(path, { caseId: options.caseId, sourcePath: options.display(path), sourceUrl: null }) : null;
    cache.set(path, capture);
  }
  if (capture === null) return report('ingest/media-missing', 'warning', `media file "${ref.ref}" is not in the export (looked for ${options.display(path)})`);
  return { ...ref, status: 'captured', sha256: capture.sha256, bytes: capture.bytes, mediaType: ref.mediaType ?? capture.mediaType };
}

/** `relative` that keeps absolute paths outside `from` readable. */
export function displayPath(from: string, path: string): string {
  const rel = relative(from, path);
  return rel.startsWith('..') ? path : rel;
}
