import { hash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { diagnostic, rawItemId, type Channel, type Diagnostic, type MediaRef, type Pseudonymizer, type RawItem } from '../../model/index.js';
import { classifyLine, looksLikePhoneNumber, readBody, senderKey, type LineStart } from './body.js';
import { isoInstant, localStamp, type ZoneClock } from './clock.js';
import { StreamingDateOrder, type OrderDecision } from './date-order.js';
import { calendarDate, mayStartMessage, orderEvidence, parseHeader, type CalendarDate, type Header } from './header.js';
import { LineSplitter, type LineView } from './lines.js';

/** WhatsApp caps a message at 65,536 characters; a longer line is damage, kept up to this much. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** The most text one message gathers from its continuation lines. */
const MAX_MESSAGE_CHARS = 16 * 1024 * 1024;

/** The chat every message of the file belongs to. */
export interface ChatIdentity {
  /** The chat's name as the export names it (from the file name); part of every item's identity. */
  readonly name: string;
  readonly channel: Channel;
}

/**
 * The chat's channel. A one-to-one chat is named after the other person (a contact name or a
 * phone number): that name is a private person's and is replaced by their sender pseudonym.
 */
export function chatIdentity(name: string, isPerson: boolean, pseudonymizer: Pseudonymizer): ChatIdentity {
  const shown = isPerson || looksLikePhoneNumber(name) ? pseudonymizer.pseudonym('whatsapp-sender', senderKey(name)) : name;
  return { name, channel: { id: `whatsapp:${hash('sha256', shown, 'hex').slice(0, 16)}`, name: shown, type: 'whatsapp-chat' } };
}

export interface ChatReaderOptions {
  readonly file: string;
  readonly sha256: string | null;
  readonly pseudonymizer: Pseudonymizer;
  readonly clock: ZoneClock;
  readonly chat: ChatIdentity;
  /** The date order from a survey of the whole file, or null to decide while reading. */
  readonly order: OrderDecision | null;
  /** Put before `line:column` in locations: the chat's entry name when the text is inside a zip. */
  readonly locationPrefix: string;
}

interface Draft {
  readonly header: Header;
  readonly date: CalendarDate;
  readonly start: LineStart;
  readonly line: number;
  readonly offset: number;
  end: number;
  readonly lines: string[];
  chars: number;
  overflow: boolean;
}

/**
 * Reads the text of a WhatsApp export, pushed in chunks of any size, into RawItems and
 * diagnostics on `output`. A line with a timestamp starts a message; every other line continues
 * the one before. Memory holds one message at a time.
 */
export class ChatReader {
  readonly output: (RawItem | Diagnostic)[] = [];
  private readonly splitter: LineSplitter;
  private readonly streamingOrder: StreamingDateOrder | null;
  private current: Draft | null = null;
  /** After a message whose date is not a date: its continuation lines go with it. */
  private skipping = false;
  private messages = 0;
  private preamble: { first: number; count: number } | null = null;
  private nonEmptyLines = 0;
  private encodingReported = false;
  /** Messages so far in the current minute, by sender and then text. */
  private occurrences = new Map<string, Map<string, number>>();
  private occurrenceStamp = '';
  /** Pseudonyms by the sender as written: a chat has few senders and many messages. */
  private pseudonyms = new Map<string, string>();

  constructor(private readonly options: ChatReaderOptions) {
    this.splitter = new LineSplitter((line) => {
      this.line(line);
    }, MAX_LINE_BYTES);
    this.streamingOrder = options.order === null ? new StreamingDateOrder() : null;
  }

  /** How many messages (and notices) have started so far. */
  get messageCount(): number {
    return this.messages;
  }

  push(chunk: Uint8Array): void {
    this.splitter.push(chunk);
  }

  end(): void {
    this.splitter.end();
    this.flush();
    const doubt = this.streamingOrder?.doubt() ?? null;
    if (doubt !== null) this.report('whatsapp/date-order', 'warning', doubt.message, `${this.options.locationPrefix}${doubt.line}:1`);
    if (this.messages === 0) {
      const message =
        this.nonEmptyLines === 0
          ? `not a WhatsApp chat export: ${this.options.locationPrefix === '' ? 'the file' : 'the chat text'} is empty`
          : 'not a WhatsApp chat export: no line starts with a timestamp like "18/09/2026, 02:14 - " (Android) or "[18/09/2026, 02:14:05] " (iOS)';
      this.report('whatsapp/not-a-chat-export', 'error', message, '');
    }
  }

  private report(ruleId: string, severity: 'error' | 'warning' | 'info', message: string, location: string): void {
    this.output.push(diagnostic(ruleId, severity, message, this.options.file, location));
  }

  private where(line: number, column = 1): string {
    return `${this.options.locationPrefix}${line}:${column}`;
  }

  private line(view: LineView): void {
    const text = view.buffer.toString('utf8', view.start, view.end);
    const header = mayStartMessage(view.buffer, view.start, view.end) ? parseHeader(text) : null;
    // The message before is complete: its item goes out before this line's diagnostics.
    if (header !== null) this.flush();
    if (!this.encodingReported && text.includes('\uFFFD') && !isUtf8(view.buffer.subarray(view.start, view.end))) {
      this.encodingReported = true;
      this.report(
        'whatsapp/encoding',
        'warning',
        'this line is not valid UTF-8 (WhatsApp writes exports in UTF-8; the file was re-encoded or damaged): the bad bytes were replaced with U+FFFD here and wherever else they occur',
        this.where(view.number, text.indexOf('\uFFFD') + 1),
      );
    }
    if (view.dropped > 0) {
      this.report(
        'whatsapp/line-too-long',
        'error',
        `the line is ${view.length} bytes long; its first ${view.end - view.start} bytes are kept and the rest left out (WhatsApp messages are at most 65,536 characters)`,
        this.where(view.number),
      );
    }
    // Only whether the file had any text at all is asked, and only while no message has started.
    if (this.messages === 0 && text.trim() !== '') this.nonEmptyLines++;
    if (header !== null) {
      this.startMessage(header, view);
      return;
    }
    const draft = this.current;
    if (draft !== null) {
      if (draft.chars + text.length + 1 > MAX_MESSAGE_CHARS) {
        if (!draft.overflow) {
          draft.overflow = true;
          this.report('whatsapp/message-too-long', 'error', `the message started at line ${draft.line} runs past ${MAX_MESSAGE_CHARS} characters; its further lines are left out`, this.where(view.number));
        }
        return;
      }
      draft.lines.push(text);
      draft.chars += text.length + 1;
      draft.end = view.offset + view.length;
    } else if (!this.skipping && text.trim() !== '') {
      if (this.preamble === null) this.preamble = { first: view.number, count: 0 };
      this.preamble.count++;
    }
  }

  private startMessage(header: Header, view: LineView): void {
    if (this.messages === 0 && !this.skipping) {
      this.report(
        'whatsapp/timezone-assumed',
        'info',
        `the export writes local times without a timezone: they are read as ${this.options.clock.zone}, the case's timezone`,
        this.where(view.number),
      );
      if (this.preamble !== null) {
        const { first, count } = this.preamble;
        this.report('whatsapp/text-before-first-message', 'warning', `${count} line${count === 1 ? '' : 's'} before the first message ${count === 1 ? 'is' : 'are'} not part of any message and ${count === 1 ? 'was' : 'were'} left out`, this.where(first));
      }
    }
    this.messages++;
    const streamed = this.streamingOrder?.orderFor(header, view.number);
    const order = orderEvidence(header) ?? this.options.order?.order ?? streamed ?? 'day-first';
    const date = calendarDate(header, order);
    if (date === null || !header.clockValid) {
      this.skipping = true;
      const reading = header.yearFirst ? 'year-month-day' : order === 'day-first' ? 'day/month' : 'month/day';
      this.report(
        'whatsapp/invalid-date',
        'error',
        `"${header.stamp}" is not a valid ${date === null ? 'date' : 'time'}${date === null ? ` (read as ${reading})` : ''}: the message is left out`,
        this.where(view.number),
      );
      return;
    }
    this.skipping = false;
    this.current = {
      header,
      date,
      start: classifyLine(header.rest, this.options.chat.name),
      line: view.number,
      offset: view.offset,
      end: view.offset + view.length,
      lines: [],
      chars: header.rest.length,
      overflow: false,
    };
  }

  private flush(): void {
    const draft = this.current;
    if (draft === null) return;
    this.current = null;
    this.output.push(this.item(draft));
  }

  private pseudonym(sender: string): string {
    let pseudonym = this.pseudonyms.get(sender);
    if (pseudonym === undefined) {
      pseudonym = this.options.pseudonymizer.pseudonym('whatsapp-sender', senderKey(sender));
      if (this.pseudonyms.size >= 10_000) this.pseudonyms = new Map();
      this.pseudonyms.set(sender, pseudonym);
    }
    return pseudonym;
  }

  private item(draft: Draft): RawItem {
    const { header, date, start } = draft;
    const { chat, clock } = this.options;
    const written = draft.lines.length === 0 ? start.text : `${start.text}\n${draft.lines.join('\n')}`;
    const extra: Record<string, unknown> = { timezoneAssumed: clock.zone };
    let text = written;
    let media: MediaRef[] = [];
    let geo: RawItem['geo'] = null;
    if (start.kind === 'message') {
      const body = readBody(start.text, draft.lines);
      text = body.text;
      geo = body.geo;
      media = body.media.map((m) => ({
        kind: m.kind,
        ref: m.ref,
        status: m.included ? 'pending' : 'not-included',
        sha256: null,
        mediaType: null,
        bytes: null,
        width: null,
        height: null,
      }));
      if (body.deleted) extra['deleted'] = true;
      if (body.edited) extra['edited'] = true;
    }

    // Identical messages from one sender in one minute are told apart by their order.
    if (header.stamp !== this.occurrenceStamp) {
      this.occurrenceStamp = header.stamp;
      this.occurrences = new Map();
    }
    const from = start.sender ?? '';
    let bySender = this.occurrences.get(from);
    if (bySender === undefined) {
      bySender = new Map();
      this.occurrences.set(from, bySender);
    }
    // A long text is keyed by its length and head: a clash only counts on, ids stay distinct.
    const textKey = written.length <= 256 ? written : `${written.length}\u0000${written.slice(0, 256)}`;
    const occurrence = bySender.get(textKey) ?? 0;
    bySender.set(textKey, occurrence + 1);

    // Positional identity: append new fields at the end, never reorder (ids would change).
    // The raw sender is only hashed here, never stored.
    const id = rawItemId(['whatsapp', chat.name, header.stamp, start.sender, written, occurrence]);
    const time = isoInstant(clock.epochMillis(date, header.hour, header.minute, header.secondOfMinute));
    const pseudonym = start.sender === null ? null : this.pseudonym(start.sender);
    const channelHash = chat.channel.id.slice('whatsapp:'.length);
    return {
      id,
      format: 'whatsapp',
      externalId: `whatsapp:${channelHash}/${localStamp(date, header.hour, header.minute, header.secondOfMinute)}/${id.slice(0, 12)}`,
      kind: start.kind,
      channel: { ...chat.channel },
      author: pseudonym === null ? null : { id: pseudonym, name: pseudonym, pseudonymous: true },
      time,
      editedTime: null,
      title: null,
      text,
      url: null,
      declaredLanguage: null,
      forwardedFrom: null,
      replyTo: null,
      media,
      geo,
      extra,
      origin: { file: this.options.file, sha256: this.options.sha256, location: this.where(draft.line), offset: draft.offset, length: draft.end - draft.offset },
    };
  }
}
