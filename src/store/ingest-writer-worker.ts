import { parentPort, workerData } from 'node:worker_threads';
import type { StoreLocation } from './open.js';
import { Store } from './store.js';
import type { WriterReply, WriterRequest } from './ingest-writer.js';

/**
 * The ingest writer thread (see ingest-writer.ts): its own connection to the store, one
 * transaction per batch, in the order received. After a failure it writes nothing more.
 */
const port = parentPort;
if (port === null) throw new Error('ingest-writer-worker runs as a worker thread');
const { location } = workerData as { location: StoreLocation };
const store = await Store.open(location);
let failed = false;
let chain = Promise.resolve();

port.on('message', (message: WriterRequest) => {
  chain = chain.then(async () => {
    if (message.type === 'close') {
      await store.close();
      port.close();
      return;
    }
    if (failed) { reply({ type: 'failed', error: { message: 'an earlier batch failed' } }); return; }
    try {
      reply({ type: 'written', result: await store.writeIngestBatch(message.batch) });
    } catch (error) {
      failed = true;
      const e = error instanceof Error ? error : new Error(String(error));
      reply({ type: 'failed', error: { message: e.message, ...(e.stack === undefined ? {} : { stack: e.stack }) } });
    }
  });
});

function reply(message: WriterReply): void {
  port?.postMessage(message);
}
