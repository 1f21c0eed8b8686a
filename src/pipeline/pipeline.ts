import { isDiagnostic, type Clock, type Diagnostic } from '../model/index.js';

/**
 * A stage turns a stream of records into another, and may emit diagnostics about single
 * records along the way. It throws only for infrastructure failures (a database or disk that
 * fails), which stop the run; a bad record never does.
 */
export interface Stage<I, O> {
  readonly name: string;
  run(input: AsyncIterable<I>, context: StageContext): AsyncIterable<O | Diagnostic>;
}

export interface StageContext {
  readonly clock: Clock;
  readonly signal: AbortSignal;
}

export type DiagnosticSink = (diagnostic: Diagnostic, stage: string) => void;

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

  /** Run the stages over `input`; diagnostics go to `onDiagnostic`, records come out. */
  run(input: AsyncIterable<I>, context: StageContext, onDiagnostic: DiagnosticSink): AsyncIterable<O> {
    let stream: AsyncIterable<unknown> = input;
    for (const stage of this.stages) stream = separate(stage.run(stream, context), stage.name, onDiagnostic, context.signal);
    return stream as AsyncIterable<O>;
  }
}

async function* separate<T>(stream: AsyncIterable<T | Diagnostic>, stage: string, onDiagnostic: DiagnosticSink, signal: AbortSignal): AsyncIterable<T> {
  for await (const value of stream) {
    if (isDiagnostic(value)) onDiagnostic(value, stage);
    else yield value;
    if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('the run was cancelled');
  }
}
