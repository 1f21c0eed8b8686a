import { diagnostic, type Diagnostic, type RawItem, type Severity } from '../../model/index.js';
import type { ParseInput, ParseOutput } from '../adapter.js';
import { DelimitedReader, type DelimitedEvent, type DelimitedOptions } from './delimited.js';

/** What reads one data set's records: fed the reader's events, it fills `out`. */
export interface EventSheet {
  readonly out: (RawItem | Diagnostic)[];
  /** Nothing more can be read (not this format, unreadable encoding). */
  readonly stopped: boolean;
  handle(event: DelimitedEvent): void;
  /** The input has ended: say what the file as a whole lacked. */
  finish(): void;
}

/** A record (or a rule) went wrong in our code: reported, the run goes on without this file. */
export interface SheetFailure {
  fail(error: unknown): void;
}

/**
 * Stream a delimited file through a sheet, one chunk at a time: the records of a chunk are
 * yielded before the next is read, so memory holds one record (and the chunk) at most.
 */
export async function* readSheet(input: ParseInput, options: DelimitedOptions, sheet: EventSheet & SheetFailure): ParseOutput {
  const reader = new DelimitedReader(options);
  const step = (events: () => DelimitedEvent[]): void => {
    try {
      for (const event of events()) {
        if (sheet.stopped) return;
        sheet.handle(event);
      }
    } catch (error) {
      sheet.fail(error);
    }
  };
  for await (const chunk of input.stream) {
    step(() => reader.push(chunk));
    yield* sheet.out.splice(0);
    if (sheet.stopped) return;
  }
  step(() => reader.end());
  if (!sheet.stopped) {
    try {
      sheet.finish();
    } catch (error) {
      sheet.fail(error);
    }
  }
  yield* sheet.out.splice(0);
}

/** Diagnostics for one file, with the once-per-file ones remembered. */
export class Reporter {
  private readonly once = new Set<string>();

  constructor(
    private readonly format: 'acled' | 'gdelt',
    private readonly file: string,
    private readonly out: (RawItem | Diagnostic)[],
  ) {}

  report(rule: string, severity: Severity, message: string, location: string): void {
    this.out.push(diagnostic(`${this.format}/${rule}`, severity, message, this.file, location));
  }

  reportOnce(rule: string, severity: Severity, message: string, location: string): void {
    if (this.once.has(rule)) return;
    this.once.add(rule);
    this.report(rule, severity, message, location);
  }

  internalError(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.report('internal-error', 'error', `reading stopped on an error in corroborate, not in the file: ${reason}`, '');
  }
}

export const MAX_RECORD_BYTES = 32 * 1024 * 1024;

/** The first line of a file's head, as text, without a byte-order mark or quotes around names. */
export function firstLine(head: Uint8Array): { text: string; complete: boolean } {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\uFEFF/, '');
  const end = text.search(/\r|\n/);
  return end === -1 ? { text, complete: false } : { text: text.slice(0, end), complete: true };
}
