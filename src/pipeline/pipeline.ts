import { isDiagnostic, type Clock, type Diagnostic } from '../model/index.js';

/**
 * A stage turns a stream of records into another, and may emit diagnostics about single
 * records along the way. It throws only for infrastructure failures (a database or disk that
 * fails), which stop the run; a bad record never does.
 *
 * Records travel in batches (arrays, in order): a million messages through four stages would
 * otherwise cost four million promise hops, more than some stages' own work. A stage returns,
 * per batch it is given, its records and diagnostics in the order they arise.
 */
export interface Stage<I, O> {
  readonly name: string;
  run(input: AsyncIterable<readonly I[]>, context: StageContext): AsyncIterable<readonly (O | Diagnostic)[]>;
}

export interface StageContext {
  readonly clock: Clock;
  readonly signal: AbortSignal;
}

export type DiagnosticSink = (diagnostic: Diagnostic, stage: string) => void;

/** Records per batch where a stage makes batches out of a one-at-a-time stream (see `inBatches`). */
export const BATCH_RECORDS = 256;

/** A pipeline configured once, then frozen (as unified's processors are). */
export class Pipeline<I, O> {
  private constructor(
    private readonly stages: readonly Stage<unknown, unknown>[],
    private frozen = false,
  ) {}

  static of<T>(): Pipeline<T, T> {
    return new Pipeline<T, T>([]);
  }

  use<N>(stage: Stage<O, N>): Pipeline<I, N> {
    if (this.frozen) throw new Error(`cannot add stage "${stage.name}": the pipeline is frozen`);
    return new Pipeline<I, N>([...this.stages, stage]);
  }

  freeze(): FrozenPipeline<I, O> {
    this.frozen = true;
    return new FrozenPipeline<I, O>(this.stages);
  }
}

export class FrozenPipeline<I, O> {
  constructor(private readonly stages: readonly Stage<unknown, unknown>[]) {}

  get stageNames(): readonly string[] {
    return this.stages.map((s) => s.name);
  }

  /**
   * Run the stages over `input` (each of its values one record for the first stage); records
   * come out in batches, diagnostics go to `onDiagnostic` as they arise.
   */
  run(input: AsyncIterable<I>, context: StageContext, onDiagnostic: DiagnosticSink): AsyncIterable<readonly O[]> {
    let stream: AsyncIterable<readonly unknown[]> = one(input);
    for (const stage of this.stages) stream = separate(stage.run(stream, context), stage.name, onDiagnostic, context.signal);
    return stream as AsyncIterable<readonly O[]>;
  }
}

/** The records of a stream of batches, one at a time (for a stage that reads a plain stream). */
export async function* records<T>(batches: AsyncIterable<readonly T[]>): AsyncIterable<T> {
  for await (const batch of batches) yield* batch;
}

/** A one-at-a-time stream as batches of up to `size`; a batch is let go only when full or at the end. */
export async function* inBatches<T>(stream: AsyncIterable<T>, size = BATCH_RECORDS): AsyncIterable<T[]> {
  let batch: T[] = [];
  for await (const value of stream) {
    batch.push(value);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

async function* one<T>(stream: AsyncIterable<T>): AsyncIterable<readonly T[]> {
  for await (const value of stream) yield [value];
}

async function* separate<T>(stream: AsyncIterable<readonly (T | Diagnostic)[]>, stage: string, onDiagnostic: DiagnosticSink, signal: AbortSignal): AsyncIterable<readonly T[]> {
  for await (const batch of stream) {
    const kept: T[] = [];
    for (const value of batch) {
      if (isDiagnostic(value)) onDiagnostic(value, stage);
      else kept.push(value);
    }
    if (kept.length > 0) yield kept;
    if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('the run was cancelled');
  }
}
