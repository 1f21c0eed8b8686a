import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IngestBatch, IngestBatchResult, Store } from './store.js';

/**
 * Where an ingest's batches are written. On a SQLite file they go to a writer thread with its
 * own connection, so that parsing and storing run on two cores (the inserts cost as much as the
 * parsing); on PostgreSQL — whose work happens in the server — they are written in this thread.
 * Each batch is one transaction either way, so a crash loses at most the batches not yet
 * committed, which the next run stores again.
 */
export interface IngestWriter {
  /**
   * Hand over a batch; `written` is called once it is committed (in the order handed over).
   * Waits while `inFlight` batches are already waiting to be written. The batch's arrays are
   * the writer's from then on.
   */
  write(batch: IngestBatch, written: (result: IngestBatchResult) => void): Promise<void>;
  /** Wait for every batch handed over; rejects with the first failure. */
  finish(): Promise<void>;
  /** Stop the thread, if any (after `finish`, or to give up). */
  close(): Promise<void>;
  readonly threaded: boolean;
}

export interface IngestWriterOptions {
  /** Batches handed over but not yet committed, at most (memory stays bounded). */
  inFlight?: number;
  /** Write in this thread even where a writer thread would be used. */
  inline?: boolean;
}

export async function openIngestWriter(store: Store, options: IngestWriterOptions = {}): Promise<IngestWriter> {
  const script = workerScript();
  const threaded = options.inline !== true && store.dialect === 'sqlite' && script !== null;
  if (!threaded) return inlineWriter(store);
  return threadWriter(store, script, options);
}

function inlineWriter(store: Store): IngestWriter {
  let failure: Error | null = null;
  return {
    threaded: false,
    async write(batch, written) {
      // As the thread does: after a failure, nothing more is written.
      if (failure !== null) throw failure;
      try {
        written(await store.writeIngestBatch(batch));
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        throw failure;
      }
    },
    finish: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

/** The worker's script: the compiled file next to this one; from TypeScript sources (tests), none. */
function workerScript(): string | null {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.js')) return null;
  const script = here.replace(/ingest-writer\.js$/, 'ingest-writer-worker.js');
  return existsSync(script) ? script : null;
}


async function threadWriter(store: Store, script: string, options: IngestWriterOptions): Promise<IngestWriter> {
  const worker = new Worker(script, { workerData: { location: store.location } });
  const limit = Math.max(1, options.inFlight ?? 32);
  // Only the callbacks wait here: the batches themselves are the worker's once posted.
  const queue: ((result: IngestBatchResult) => void)[] = [];
  let failure: Error | null = null;
  let exited = false;
  const waiting: (() => void)[] = [];
  const wake = (): void => {
    for (const resume of waiting.splice(0)) resume();
  };
  worker.on('message', (message: WriterReply) => {
    const written = queue.shift();
    if (message.type === 'written') written?.(message.result);
    else failure ??= rebuildError(message.error);
    wake();
  });
  worker.on('error', (error) => {
    failure ??= error;
    wake();
  });
  worker.on('exit', (code) => {
    exited = true;
    if (queue.length > 0 || code !== 0) failure ??= new Error(`the ingest writer thread stopped (exit code ${code}) with ${queue.length} batch(es) unwritten`);
    wake();
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('online', resolve);
    worker.once('error', reject);
  });
  const settleWhen = async (ready: () => boolean): Promise<void> => {
    while (!ready()) {
      if (failure !== null) throw failure;
      if (exited) throw new Error('the ingest writer thread has stopped');
      await new Promise<void>((resume) => waiting.push(resume));
    }
    if (failure !== null) throw failure;
  };
  return {
    threaded: true,
    async write(batch, written) {
      await settleWhen(() => queue.length < limit);
      queue.push(written);
      worker.postMessage({ type: 'write', batch } satisfies WriterRequest);
    },
    async finish() {
      await settleWhen(() => queue.length === 0);
    },
    async close() {
      if (exited) return;
      worker.postMessage({ type: 'close' } satisfies WriterRequest);
      await new Promise<void>((resolve) => {
        if (exited) resolve();
        else worker.once('exit', () => { resolve(); });
      });
    },
  };
}

export type WriterRequest = { type: 'write'; batch: IngestBatch } | { type: 'close' };
export type WriterReply = { type: 'written'; result: IngestBatchResult } | { type: 'failed'; error: { message: string; stack?: string } };

function rebuildError(error: { message: string; stack?: string }): Error {
  const rebuilt = new Error(error.message);
  if (error.stack !== undefined) rebuilt.stack = error.stack;
  return rebuilt;
}
