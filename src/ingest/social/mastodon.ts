import { diagnostic, type Diagnostic, type RawItem, type Severity } from '../../model/index.js';
import type { IngestAdapter, ParseInput, ParseOutput } from '../adapter.js';
import type { JsonPath, ScanMode, ValueKind } from '../json-scanner.js';
import { describe, isObject, jsonLocation } from './common.js';
import { JsonDocuments, type DocumentEvent } from './json-documents.js';
import { statusToItem } from './mastodon-status.js';

/**
 * Mastodon API statuses: the JSON array an account's or a hashtag's timeline returns (pages of
 * them concatenated, too), or JSON Lines of Status entities, one per line.
 */
export const mastodonAdapter: IngestAdapter = {
  format: 'mastodon',
  detect: detectMastodon,
  parse: parseMastodon,
};

const MAX_VALUE_BYTES = 64 * 1024 * 1024;

export function classifyMastodonPath(path: JsonPath, kind: ValueKind): ScanMode {
  if (path.length === 0) return kind === 'array' ? 'descend' : 'capture';
  return path.length === 1 ? 'capture' : 'skip';
}

export async function* parseMastodon(input: ParseInput): ParseOutput {
  const reader = new JsonDocuments({ classify: classifyMastodonPath, maxValueBytes: MAX_VALUE_BYTES });
  let documents = 0;
  let statuses = 0;
  let problems = 0;
  const report = (ruleId: string, severity: Severity, message: string, location: string): Diagnostic => {
    problems++;
    return diagnostic(ruleId, severity, message, input.file, location);
  };
  const out: (RawItem | Diagnostic)[] = [];

  const readStatus = (value: unknown, location: string, offset: number, length: number): void => {
    const { item, diagnostics } = statusToItem(value, { file: input.file, sha256: input.sha256, location, offset, length, pseudonymizer: input.pseudonymizer });
    out.push(...diagnostics);
    if (item !== null) out.push(item);
  };

  const handle = (event: DocumentEvent): void => {
    if (event.type === 'start') {
      documents++;
      return;
    }
    if (event.type === 'end') return;
    if (event.type === 'invalid-utf8') {
      out.push(report('mastodon/invalid-utf8', 'warning', 'the file is not valid UTF-8 from here on; the bad bytes were read as U+FFFD', `${event.line}:${event.column}`));
      return;
    }
    const scan = event.event;
    const location = jsonLocation(event.doc, event.line, scan.path);
    switch (scan.type) {
      case 'enter':
      case 'exit':
        return;
      case 'error': {
        const rule = scan.code === 'truncated' ? 'mastodon/truncated' : scan.code === 'too-large' ? 'mastodon/record-too-large' : 'mastodon/malformed-json';
        out.push(report(rule, 'error', `${scan.message} (byte ${scan.offset})`, location));
        return;
      }
      case 'invalid':
        out.push(report('mastodon/malformed-json', 'error', `not valid JSON: ${scan.message}`, location));
        return;
      case 'value': {
        const value = scan.value;
        if (scan.path.length === 0 && (typeof value !== 'object' || value === null)) {
          out.push(report('mastodon/not-statuses', 'error', `not Mastodon statuses: the document is ${describe(value)}`, location));
          return;
        }
        if (isObject(value) && typeof value['error'] === 'string' && !('id' in value)) {
          // What the API answers instead of statuses: `{"error": "Record not found"}`.
          out.push(report('mastodon/api-error', 'error', `the server answered with an error, not statuses: ${value['error']}`, location));
          return;
        }
        statuses++;
        readStatus(value, location, scan.offset, scan.length);
      }
    }
  };

  for await (const chunk of input.stream) {
    for (const event of reader.push(chunk)) handle(event);
    if (out.length > 0) {
      yield* out;
      out.length = 0;
    }
  }
  for (const event of reader.end()) handle(event);
  if (documents === 0) out.push(report('mastodon/not-statuses', 'error', 'the file is empty: no JSON in it', ''));
  else if (statuses === 0 && problems === 0) {
    out.push(report('mastodon/empty', 'info', 'the file holds no statuses (an empty list)', ''));
  }
  yield* out;
}

/** Statuses by the fields only a Mastodon (or compatible) server writes together. */
export function detectMastodon(head: Uint8Array, _fileName: string): number {
  const sample = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 8192)).replace(/^\uFEFF/, '').trimStart();
  if (!/^\[?\s*\{/.test(sample)) return 0;
  const uri = /"uri"\s*:\s*"/.test(sample);
  const content = /"content"\s*:\s*"/.test(sample);
  const statusFields = /"(visibility|spoiler_text|reblogs_count|favourites_count|in_reply_to_account_id)"\s*:/.test(sample);
  const account = /"account"\s*:\s*\{/.test(sample) && /"acct"\s*:/.test(sample);
  if (uri && content && account) return 0.92;
  if (uri && content && statusFields) return 0.8;
  if (statusFields && /"(spoiler_text|favourites_count)"\s*:/.test(sample)) return 0.6;
  return 0;
}
