import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * The floor an ingest is measured against: the same bytes read from disk, SHA-256-hashed, and
 * every message JSON-parsed — with nothing else. Messages are found by the fixed indentation of
 * the benchmark's own export (Telegram Desktop's layout), with `Buffer.indexOf`, which costs
 * next to nothing, so the floor is as fast as reading, hashing and parsing can be in Node.js.
 */
export async function floorRun(path: string): Promise<{ bytes: number; messages: number; sha256: string }> {
  const START = Buffer.from('\n     {\n');
  const END = Buffer.from('\n     }');
  const digest = createHash('sha256');
  let carry: Buffer = Buffer.alloc(0);
  let bytes = 0;
  let messages = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    digest.update(chunk);
    bytes += chunk.length;
    const buf = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    let at = 0;
    for (;;) {
      const start = buf.indexOf(START, at);
      if (start === -1) break;
      const end = buf.indexOf(END, start + START.length);
      if (end === -1) break;
      JSON.parse(buf.toString('utf8', start + 1, end + END.length));
      messages++;
      at = end + END.length;
    }
    carry = buf.subarray(at);
  }
  return { bytes, messages, sha256: digest.digest('hex') };
}
