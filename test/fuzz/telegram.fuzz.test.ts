import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RawItem, isDiagnostic, type Diagnostic } from '../../src/model/index.js';
import { JsonScanner, keyedPseudonymizer, parseTelegram } from '../../src/ingest/index.js';
import { classifyTelegramPath } from '../../src/ingest/telegram/index.js';
import { arbitraryDamage, damaged } from '../helpers/fuzz.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'telegram');
const pseudonymizer = keyedPseudonymizer(new Uint8Array(32));

/** The bytes as a stream cut at `cuts`, each chunk arriving on its own tick as from a file. */
async function* split(bytes: Uint8Array, cuts: readonly number[]): AsyncIterable<Uint8Array> {
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    if (cut <= from || cut >= bytes.length) continue;
    yield bytes.subarray(from, cut);
    await Promise.resolve();
    from = cut;
  }
  yield bytes.subarray(from);
}

async function run(bytes: Uint8Array, cuts: readonly number[] = []): Promise<(RawItem | Diagnostic)[]> {
  const out: (RawItem | Diagnostic)[] = [];
  for await (const x of parseTelegram({ stream: split(bytes, cuts), file: 'fuzz.json', sha256: null, timezone: 'America/Caracas', pseudonymizer, baseDir: null })) out.push(x);
  return out;
}

function checkContract(out: readonly (RawItem | Diagnostic)[]): void {
  for (const x of out) {
    if (isDiagnostic(x)) {
      expect(x.ruleId).toMatch(/^telegram\/[a-z-]+$/);
      expect(x.file).toBe('fuzz.json');
      expect(x.location === '' || x.location.startsWith('#/')).toBe(true);
      expect(x.message.length).toBeGreaterThan(0);
    } else {
      expect(RawItem.safeParse(x).success).toBe(true);
    }
  }
}

const fixtures = await Promise.all(['single-channel.json', 'full-account.json', 'wrong-types.json'].map((name) => readFile(join(FIXTURES, name))));

describe('Telegram adapter under fuzzing', () => {
  it('never throws on arbitrary bytes, and every output keeps the contract', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        checkContract(await run(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on damaged exports: truncated, bytes flipped, JSON tokens thrown in', async () => {
    const tokens = ['{', '}', '[', ']', '"', '\\', ',', ':', '\n', 'null', '"x":', '\u0000', '\ud83d'];
    const damage = arbitraryDamage(fixtures.length, tokens, { maxFlips: 8, maxInserts: 6 });
    await fc.assert(
      fc.asyncProperty(damage, fc.array(fc.integer({ min: 1, max: 5000 }), { maxLength: 6 }), async (done, cuts) => {
        const bytes = damaged(fixtures[done.fixture] as Buffer, done);
        const out = await run(bytes, cuts);
        checkContract(out);
        // However it was damaged, the output does not depend on how the bytes arrive.
        expect(await run(bytes)).toEqual(out);
      }),
      { numRuns: 300 },
    );
  });

  const message = fc.record({
    id: fc.integer({ min: 1, max: 2 ** 40 }),
    unix: fc.integer({ min: 0, max: 253402300799 }),
    text: fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('}\n {', '\\', '"', '\n   }', 'خبر عاجل', '💥'.repeat(20))),
    parts: fc.boolean(),
    from: fc.oneof(fc.constant('channel42'), fc.constant('user777'), fc.constant(undefined)),
  });

  it('reads back exactly the messages that were written, pretty-printed or not', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(message, { maxLength: 30 }), fc.boolean(), fc.array(fc.integer({ min: 1, max: 4000 }), { maxLength: 5 }), async (messages, pretty, cuts) => {
        const exported = {
          name: 'Canal',
          type: 'public_channel',
          id: 42,
          messages: messages.map((m) => ({
            id: m.id,
            type: 'message',
            date: '2026-01-01T00:00:00',
            date_unixtime: String(m.unix),
            ...(m.from === undefined ? {} : { from: 'Canal', from_id: m.from }),
            text: m.parts ? [m.text.slice(0, 3), { type: 'bold', text: m.text.slice(3) }] : m.text,
          })),
        };
        const bytes = Buffer.from(JSON.stringify(exported, null, pretty ? 1 : undefined));
        const out = await run(bytes, cuts);
        expect(out.filter(isDiagnostic).map((d) => d.ruleId)).toEqual(messages.length === 0 ? ['telegram/empty-chat'] : []);
        const items = out.filter((x): x is RawItem => !isDiagnostic(x));
        expect(items.map((i) => i.externalId)).toEqual(messages.map((m) => `telegram:42/${m.id}`));
        expect(items.map((i) => i.text)).toEqual(messages.map((m) => m.text));
        expect(items.map((i) => i.time)).toEqual(messages.map((m) => new Date(m.unix * 1000).toISOString().replace('.000Z', 'Z')));
        expect(items.map((i) => i.author?.pseudonymous ?? null)).toEqual(messages.map((m) => (m.from === undefined ? null : m.from.startsWith('user'))));
      }),
      { numRuns: 200 },
    );
  });
});

describe('JSON scanner', () => {
  it('hands over each element exactly as JSON.parse reads it, however the bytes are split', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 12 }), fc.boolean(), fc.array(fc.integer({ min: 1, max: 3000 }), { maxLength: 8 }), (values, pretty, cuts) => {
        const bytes = Buffer.from(JSON.stringify({ name: 'x', id: 1, messages: values }, null, pretty ? 1 : undefined));
        const scanner = new JsonScanner({ classify: classifyTelegramPath });
        const seen: unknown[] = [];
        let from = 0;
        for (const cut of [...cuts.filter((c) => c < bytes.length).sort((a, b) => a - b), bytes.length]) {
          if (cut < from) continue;
          for (const e of scanner.push(bytes.subarray(from, cut))) if (e.type === 'value' && e.path[0] === 'messages') seen.push(e.value);
          from = cut;
        }
        const tail = scanner.end();
        expect(tail).toEqual([]);
        // JSON.parse turns -0 into 0 on the way through JSON.stringify; compare as JSON text.
        expect(JSON.stringify(seen)).toEqual(JSON.stringify(values));
      }),
      { numRuns: 300 },
    );
  });
});
