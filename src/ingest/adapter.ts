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
  /**
   * The evidentiary copy on disk, read-only, for a format that needs random access (a zip's
   * central directory) or a second pass (a date order decided by the whole file). Absent when
   * there is only the stream.
   */
  readonly path?: string | null;
  /** Which column holds which field, for tabular imports (`--map text=body,time=created_at`). */
  readonly columnMap?: Readonly<Record<string, string>>;
  /**
   * Keeps a file found inside the source (an archive's entry) as evidence and says what it is.
   * Adapters never touch the vault themselves; a dry run (`corroborate parse`) only hashes.
   */
  readonly attach?: AttachMedia;
}

export interface AttachedMedia {
  readonly sha256: string;
  readonly bytes: number;
  readonly mediaType: string;
}

/** Store (or, in a dry run, only hash) the bytes of an embedded file named `name`. */
export type AttachMedia = (name: string, bytes: AsyncIterable<Uint8Array>) => Promise<AttachedMedia>;

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
  /**
   * The same records as `parse`, in the same order, handed over in arrays as they are read: an
   * adapter of formats that run to millions of records offers it to spare the ingest one
   * promise hop per record.
   */
  parseBatches?(input: ParseInput): AsyncIterable<readonly (RawItem | Diagnostic)[]>;
}
