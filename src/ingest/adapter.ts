import type { Diagnostic, IngestFormat, Pseudonymizer, RawItem } from '../model/index.js';

/** What every format adapter is given: the bytes as a stream, never the whole file at once. */
export interface ParseInput {
  readonly stream: AsyncIterable<Uint8Array>;
  /** The file as the user knows it (relative to the case file), or the URL; used in diagnostics. */
  readonly file: string;
  /** SHA-256 of the evidentiary copy in the vault, when the source was captured first. */
  readonly sha256: string | null;
  /** The case's IANA timezone, for times a source writes without an offset. */
  readonly timezone: string;
  readonly pseudonymizer: Pseudonymizer;
  /** The folder the source file sits in, to resolve relative media paths; null for URLs. */
  readonly baseDir: string | null;
}

/** A stream of raw items and per-record diagnostics. It never throws for bad input. */
export type ParseOutput = AsyncIterable<RawItem | Diagnostic>;

export interface IngestAdapter {
  readonly format: IngestFormat;
  /**
   * How sure the adapter is that a file is its format, 0–1, from the first bytes and the name
   * (content first: a Telegram export renamed to .txt is still a Telegram export).
   */
  detect(head: Uint8Array, fileName: string): number;
  parse(input: ParseInput): ParseOutput;
}
