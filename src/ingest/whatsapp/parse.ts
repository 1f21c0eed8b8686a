import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { diagnostic, isDiagnostic, type Diagnostic, type MediaRef, type RawItem } from '../../model/index.js';
import type { AttachedMedia, IngestAdapter, ParseInput, ParseOutput } from '../adapter.js';
import { CHAT_TEXT, chatName } from './chat-name.js';
import { ZoneClock } from './clock.js';
import { DateOrderSurvey, type OrderDecision } from './date-order.js';
import { mayStartMessage, parseHeader } from './header.js';
import { LineSplitter } from './lines.js';
import { ChatReader, MAX_LINE_BYTES, chatIdentity } from './reader.js';
import { ZipArchive, ZipEntryError, type ZipEntry } from '../zip.js';

/**
 * WhatsApp's "Export chat": a `.txt` (Android, or iOS's `_chat.txt`) beside its media, or a
 * `.zip` holding the text and the media. The text is read as a stream, twice when the
 * evidentiary copy is on disk: once to learn the date order from every timestamp, once to read.
 */
export const whatsappAdapter: IngestAdapter = {
  format: 'whatsapp',
  detect: detectWhatsApp,
  parse: parseWhatsApp,
};

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06] as const;
const MEDIA_NAME = /(?:IMG|VID|PTT|AUD|STK|DOC)-\d{8}-WA\d{4}|\d{8}-(?:PHOTO|VIDEO|AUDIO|STICKER|GIF)-\d{4}-\d\d-\d\d/;
// A name in a local header runs straight into the entry's data: no anchor at its end.
const CHAT_TEXT_IN_HEAD = /_chat\.txt|(?:WhatsApp Chat with|WhatsApp Chat - |Chat de WhatsApp con|WhatsApp[- ]Chat mit|Conversa do WhatsApp com|Discussion WhatsApp avec|Chat WhatsApp con|WhatsApp[- ]Chat met) ?.{1,200}?\.txt/i;
const EXPORT_FILE_NAME = /WhatsApp Chat|Chat de WhatsApp|WhatsApp-Chat|Conversa do WhatsApp|Discussion WhatsApp|_chat\.txt$/i;

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => head[i] === byte);
}

/**
 * How sure we are that a file is a WhatsApp export: the first lines' timestamps for text; for a
 * zip, the names of its first entries (the central directory is at the end, beyond the head).
 */
export function detectWhatsApp(head: Uint8Array, fileName: string): number {
  const nameHint = EXPORT_FILE_NAME.test(fileName);
  if (startsWith(head, ZIP_MAGIC)) {
    // Local headers carry entry names in plain bytes, so a scan of the head finds them.
    const names = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');
    if (CHAT_TEXT_IN_HEAD.test(names)) return 0.95;
    if (MEDIA_NAME.test(names)) return 0.8;
    return nameHint ? 0.6 : 0.05;
  }
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('utf8').replace(/^\uFEFF/, '');
  // The head may end inside a line; a timestamp is at a line's start, so a cut line still shows it.
  const lines = text.split('\n').slice(0, 40);
  let headers = 0;
  let firstIsHeader = false;
  let seenText = false;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const header = parseHeader(line.replace(/\r$/, ''));
    if (!seenText) firstIsHeader = header !== null;
    seenText = true;
    if (header !== null) headers++;
  }
  const hint = nameHint ? 0.05 : 0;
  if (firstIsHeader) return Math.min(1, (headers >= 2 ? 0.95 : 0.85) + hint);
  if (headers >= 2) return 0.7 + hint;
  if (headers === 1) return 0.4 + hint;
  return nameHint && /\.txt$/i.test(fileName) ? 0.3 : 0;
}

type Output = RawItem | Diagnostic;

const SLICE = 64 * 1024;

export async function* parseWhatsApp(input: ParseInput): ParseOutput {
  const clock = new ZoneClock(input.timezone);
  if (!clock.knownZone) {
    yield diagnostic('whatsapp/invalid-timezone', 'error', `"${input.timezone}" is not an IANA timezone: the export's local times are read as UTC`, input.file, '');
  }
  const iterator = input.stream[Symbol.asyncIterator]();
  // Enough of the head to tell a zip from text.
  const head: Uint8Array[] = [];
  let headLength = 0;
  let done = false;
  while (headLength < 4) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    head.push(next.value);
    headLength += next.value.length;
  }
  const first = head.length === 1 ? (head[0] ?? new Uint8Array(0)) : Buffer.concat(head);
  if (startsWith(first, ZIP_MAGIC) || startsWith(first, EMPTY_ZIP_MAGIC)) {
    // The zip is read from the file on disk; the stream is not needed (closing it frees the file).
    if (!done) await iterator.return?.();
    yield* parseZip(input, clock);
    return;
  }
  const rest: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        const chunk = head.shift();
        if (chunk !== undefined) return { done: false, value: chunk };
        return done ? { done: true, value: undefined } : iterator.next();
      },
      return: async () => {
        await iterator.return?.();
        return { done: true, value: undefined };
      },
    }),
  };
  const name = chatName(input.file);
  const survey = input.path === undefined || input.path === null ? null : await surveyBytes(fileBytes(input.path), name);
  yield* readChat(rest, input, clock, name, survey, '');
}

/** The first pass: every timestamp's date order, and whether the chat is named after a sender. */
async function surveyBytes(bytes: AsyncIterable<Uint8Array>, name: string): Promise<{ decision: OrderDecision; chatNameIsSender: boolean }> {
  const survey = new DateOrderSurvey(name);
  const splitter = new LineSplitter((view) => {
    if (!mayStartMessage(view.buffer, view.start, view.end)) return;
    const header = parseHeader(view.buffer.toString('utf8', view.start, view.end));
    if (header !== null) survey.add(header, view.number);
  }, MAX_LINE_BYTES);
  for await (const chunk of bytes) splitter.push(chunk);
  splitter.end();
  return { decision: survey.decide(), chatNameIsSender: survey.chatNameIsSender };
}

async function* fileBytes(path: string): AsyncGenerator<Uint8Array> {
  yield* createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>;
}

/** The second pass (the only one without a path): the messages, with the survey's date order. */
async function* readChat(
  bytes: AsyncIterable<Uint8Array>,
  input: ParseInput,
  clock: ZoneClock,
  name: string,
  survey: { decision: OrderDecision; chatNameIsSender: boolean } | null,
  locationPrefix: string,
  onItem?: (item: RawItem) => Promise<Output[]>,
): AsyncGenerator<Output> {
  const reader = new ChatReader({
    file: input.file,
    sha256: input.sha256,
    pseudonymizer: input.pseudonymizer,
    clock,
    chat: chatIdentity(name, survey?.chatNameIsSender ?? false, input.pseudonymizer),
    order: survey?.decision ?? null,
    locationPrefix,
  });
  const doubt = survey?.decision.doubt ?? null;
  if (doubt !== null) yield diagnostic('whatsapp/date-order', 'warning', doubt, input.file, `${locationPrefix}${survey?.decision.doubtLine ?? 1}:1`);
  // Records are yielded from this loop itself: a nested generator would cost a promise per record per level.
  let ended = false;
  const iterator = bytes[Symbol.asyncIterator]();
  try {
    while (!ended) {
      const next = await iterator.next();
      const chunk = next.done === true ? null : next.value;
      ended = chunk === null;
      // A 1 MiB chunk holds thousands of messages: read it in slices and hand each slice's items
      // on at once, so that few are alive together (they would outlive the young generation).
      for (let from = 0; from < (chunk?.length ?? 1); from += SLICE) {
        if (chunk === null) reader.end();
        else reader.push(chunk.subarray(from, from + SLICE));
        if (reader.output.length === 0) continue;
        for (const record of reader.output.splice(0)) {
          if (onItem !== undefined && !isDiagnostic(record) && record.media.some((m) => m.status === 'pending')) yield* await onItem(record);
          else yield record;
        }
      }
    }
  } finally {
    // A consumer that stops early still frees the file behind the stream.
    if (!ended) await iterator.return?.();
  }
}

/** A zip export: the chat text inside is read twice, and every media file in it is attached as evidence. */
async function* parseZip(input: ParseInput, clock: ZoneClock): AsyncGenerator<Output> {
  const report = (ruleId: string, severity: 'error' | 'warning' | 'info', message: string, location: string): Diagnostic =>
    diagnostic(ruleId, severity, message, input.file, location);
  if (input.path === undefined || input.path === null) {
    yield report('whatsapp/zip-needs-path', 'error', 'a zipped export can only be read from a file on disk (its directory is at the end); none was given', '');
    return;
  }
  const archive = await ZipArchive.open(input.path);
  try {
    if (archive.damage !== null) yield report('whatsapp/truncated-zip', 'error', archive.damage, '');
    const files = archive.entries.filter((entry) => !entry.name.endsWith('/'));
    const texts = files.filter((entry) => CHAT_TEXT.test(entry.name));
    const chatEntry = texts[0] ?? null;
    if (chatEntry === null) {
      const shown = files.slice(0, 5).map((entry) => `"${entry.name}"`).join(', ');
      yield report(
        'whatsapp/not-a-chat-export',
        'error',
        `not a WhatsApp chat export: the zip holds no chat text (_chat.txt, or "WhatsApp Chat with ….txt"); it holds ${files.length} file${files.length === 1 ? '' : 's'}${files.length > 0 ? `: ${shown}${files.length > 5 ? ', …' : ''}` : ''}`,
        '',
      );
      return;
    }
    for (const other of texts.slice(1)) {
      yield report('whatsapp/several-chats', 'warning', `the zip holds more than one chat text; "${chatEntry.name}" is read and "${other.name}" is kept as an attachment only`, other.name);
    }
    const name = chatName(input.file, chatEntry.name);
    const prefix = `${chatEntry.name}:`;

    const damage: { message: string | null } = { message: null };
    const entryBytes = async function* (): AsyncGenerator<Uint8Array> {
      try {
        yield* archive.read(chatEntry);
      } catch (error) {
        if (!(error instanceof ZipEntryError)) throw error;
        damage.message = error.message;
      }
    };
    const survey = await surveyBytes(entryBytes(), name);
    if (damage.message !== null) {
      yield report('whatsapp/zip-entry-unreadable', 'error', `the chat text "${chatEntry.name}" cannot be read whole: ${damage.message}; the messages before the damage are read`, chatEntry.name);
    }

    const byName = new Map<string, ZipEntry>();
    for (const entry of files) {
      if (entry === chatEntry) continue;
      const base = entry.name.slice(entry.name.lastIndexOf('/') + 1);
      if (!byName.has(entry.name)) byName.set(entry.name, entry);
      if (!byName.has(base)) byName.set(base, entry);
    }
    const attached = new Map<ZipEntry, AttachedMedia | string>();
    const attach = async (entry: ZipEntry): Promise<AttachedMedia | string> => {
      let result = attached.get(entry);
      if (result === undefined) {
        try {
          result = await (input.attach ?? hashOnly)(entry.name, archive.read(entry));
        } catch (error) {
          if (!(error instanceof ZipEntryError)) throw error;
          result = error.message;
        }
        attached.set(entry, result);
      }
      return result;
    };

    const resolveMedia = async (item: RawItem): Promise<Output[]> => {
      const problems: Output[] = [];
      const media: MediaRef[] = [];
      for (const ref of item.media) {
        if (ref.status !== 'pending') {
          media.push(ref);
          continue;
        }
        const entry = byName.get(ref.ref) ?? null;
        if (entry === null) {
          const where = archive.damage === null ? 'is not in the zip' : 'is not among the entries read from the damaged zip';
          problems.push(report('whatsapp/media-missing', 'warning', `the message names "${ref.ref}", which ${where}`, item.origin.location));
          media.push({ ...ref, status: 'missing' });
          continue;
        }
        const result = await attach(entry);
        if (typeof result === 'string') {
          problems.push(report('whatsapp/zip-entry-unreadable', 'error', `"${entry.name}" cannot be read: ${result}`, entry.name));
          media.push({ ...ref, status: 'missing' });
        } else {
          media.push({ ...ref, status: 'captured', sha256: result.sha256, bytes: result.bytes, mediaType: result.mediaType });
        }
      }
      return [...problems, { ...item, media }];
    };
    yield* readChat(entryBytes(), input, clock, name, survey, prefix, resolveMedia);

    // Every file in an export is evidence, whether or not a message names it.
    for (const entry of files) {
      if (entry === chatEntry || attached.has(entry)) continue;
      const result = await attach(entry);
      if (typeof result === 'string') yield report('whatsapp/zip-entry-unreadable', 'error', `"${entry.name}" cannot be read: ${result}`, entry.name);
      else yield report('whatsapp/unreferenced-media', 'info', `"${entry.name}" is in the zip but no message names it; kept as evidence (sha256 ${result.sha256.slice(0, 12)}…)`, entry.name);
    }
  } finally {
    await archive.close();
  }
}

/** Without an attach port (a library caller, a test) entries are only hashed, as a dry run does. */
async function hashOnly(_name: string, bytes: AsyncIterable<Uint8Array>): Promise<AttachedMedia> {
  const digest = createHash('sha256');
  let size = 0;
  for await (const chunk of bytes) {
    digest.update(chunk);
    size += chunk.length;
  }
  return { sha256: digest.digest('hex'), bytes: size, mediaType: 'application/octet-stream' };
}
