/**
 * The WhatsApp adapter under fuzzing: whatever bytes arrive, however they are cut, with or without
 * a file for the first pass, it yields valid RawItems and whatsapp/… diagnostics and never
 * throws; a generated chat rendered in any phone's layout reads back as written; a damaged zip
 * loses entries but never crashes the run.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { senderKey } from '../../src/ingest/whatsapp/index.js';
import { readBody, readMarkedBody } from '../../src/ingest/whatsapp/body.js';
import { parseHeader } from '../../src/ingest/whatsapp/header.js';
import { isDiagnostic, type Diagnostic, type RawItem } from '../../src/model/index.js';
import { fixtureBytes, fixtureNames, parseWhatsAppBytes } from '../fixtures/whatsapp/harness.js';
import { expectContract, itemsOf, type Contract } from '../helpers/contract.js';
import { arbitraryChunking, chunkSizes, encode, type Chunking } from '../helpers/fuzz.js';

const FILE = 'fuentes/fuzz.txt';
type Output = RawItem | Diagnostic;

let dir = '';
let files = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corroborate-whatsapp-fuzz-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Read bytes as the pipeline does: a stream, and (when `withPath`) the same bytes on disk for the first pass. */
async function read(bytes: Uint8Array, options: { chunkSizes?: readonly number[]; withPath?: boolean; timezone?: string } = {}): Promise<Output[]> {
  let path: string | null = null;
  if (options.withPath === true) {
    path = join(dir, `input-${files++}`);
    await writeFile(path, bytes);
  }
  return parseWhatsAppBytes(bytes, {
    file: FILE,
    path,
    ...(options.chunkSizes === undefined ? {} : { chunkSizes: options.chunkSizes }),
    ...(options.timezone === undefined ? {} : { timezone: options.timezone }),
  });
}

const CONTRACT: Contract = { format: 'whatsapp', file: FILE, originFile: true };

const chunking: fc.Arbitrary<Chunking> = arbitraryChunking({ maxCut: 4000, maxCuts: 12 });

// ---------------------------------------------------------------------------------------------
// Chats generated as data, rendered the way each kind of phone writes them.

interface Message {
  readonly sender: string;
  readonly lines: readonly string[];
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

interface Layout {
  readonly name: string;
  readonly monthFirst: boolean;
  readonly seconds: boolean;
  render(m: Message, space: string): string;
}

const two = (n: number): string => String(n).padStart(2, '0');
const hour12 = (hour: number): number => (hour % 12 === 0 ? 12 : hour % 12);

const LAYOUTS: readonly Layout[] = [
  { name: 'Android 24h', monthFirst: false, seconds: false, render: (m) => `${two(m.day)}/${two(m.month)}/${m.year}, ${two(m.hour)}:${two(m.minute)} - ` },
  {
    name: 'Android Spanish 12h',
    monthFirst: false,
    seconds: false,
    render: (m, space) => `${m.day}/${m.month}/${two(m.year % 100)}, ${hour12(m.hour)}:${two(m.minute)}${space}${m.hour < 12 ? 'a' : 'p'}.${space}m. - `,
  },
  { name: 'Android US 12h', monthFirst: true, seconds: false, render: (m, space) => `${m.month}/${m.day}/${two(m.year % 100)}, ${hour12(m.hour)}:${two(m.minute)}${space}${m.hour < 12 ? 'AM' : 'PM'} - ` },
  { name: 'Android German', monthFirst: false, seconds: false, render: (m) => `${two(m.day)}.${two(m.month)}.${two(m.year % 100)}, ${two(m.hour)}:${two(m.minute)} - ` },
  { name: 'iOS 24h', monthFirst: false, seconds: true, render: (m) => `[${two(m.day)}/${two(m.month)}/${m.year}, ${two(m.hour)}:${two(m.minute)}:${two(m.second)}] ` },
  { name: 'iOS US 12h', monthFirst: true, seconds: true, render: (m, space) => `\u200e[${m.month}/${m.day}/${two(m.year % 100)}, ${hour12(m.hour)}:${two(m.minute)}:${two(m.second)}${space}${m.hour < 12 ? 'AM' : 'PM'}] ` },
  { name: 'iOS Spanish 12h', monthFirst: false, seconds: true, render: (m, space) => `[${m.day}/${m.month}/${two(m.year % 100)}, ${hour12(m.hour)}:${two(m.minute)}:${two(m.second)}${space}${m.hour < 12 ? 'a' : 'p'}.${space}m.] ` },
];

const SENDERS = ['Ana', 'María José', 'Luis Ramírez', '+58 412-555-0199', '\u202a+58 412 5550199\u202c', '~\u202fPedro', 'Señora Rosa 🌻', "O'Brien", 'José-Luis', 'ירושלים', 'Dr. Á'];

const sender = fc.oneof(
  fc.constantFrom(...SENDERS),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((name) => /^[^\s:"“”«»\u200e\u200f]/.test(name) && !/[:"“”«»\n\r\u2028\u2029\u0085]/.test(name) && name.trim() !== ''),
);

/** Whether a line of text would be read as something other than plain text (a timestamp, a placeholder, a deletion). */
function special(line: string, first: boolean): boolean {
  if (!first && parseHeader(line) !== null) return true;
  return (
    /[<>\r\u200e\u200f]/.test(line) ||
    /(?:omitted|omitid[oa])$/.test(line) ||
    /\((?:file attached|archivo adjunt)/.test(line) ||
    /^(?:This message was deleted|You deleted this message|Se eliminó este mensaje|Eliminaste este mensaje)\.?\s*$/.test(line) ||
    /^(?:Messages|Los mensajes)\b/.test(line)
  );
}

const lineText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('Se escuchó una explosión', '¿alguien sabe qué pasó?', 'a las 2:10 - según Ana: nada', '18/09/2026 sin hora', '', '   ', '🚨🚨', 'llamen al +58 412-555-0188'),
).map((text) => text.replace(/[\n\r\u2028\u2029\u0085]/g, ' '));

const message: fc.Arbitrary<Message> = fc.record({
  sender,
  lines: fc.tuple(lineText, fc.array(lineText, { maxLength: 3 })).map(([first, rest]) => [first, ...rest]),
  year: fc.integer({ min: 2010, max: 2035 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 59 }),
}).filter((m) => m.lines.every((line, i) => !special(line, i === 0)));

interface Chat {
  readonly layout: Layout;
  readonly messages: readonly Message[];
  readonly space: string;
  readonly newline: string;
  readonly zone: string;
}

const chat: fc.Arbitrary<Chat> = fc
  .record({
    layout: fc.constantFrom(...LAYOUTS),
    // The first message has a day above 12, so the file settles its date order.
    messages: fc.tuple(message.map((m) => ({ ...m, day: 13 + (m.day % 16) })), fc.array(message, { maxLength: 12 })).map(([first, rest]) => [first, ...rest]),
    space: fc.constantFrom(' ', '\u202f', '\u00a0'),
    newline: fc.constantFrom('\n', '\r\n'),
    zone: fc.constantFrom('America/Caracas', 'Europe/Madrid', 'America/New_York', 'UTC'),
  })
  .map((c) => ({ ...c, messages: c.layout.seconds ? c.messages : c.messages.map((m) => ({ ...m, second: 0 })) }));

function render(c: Chat): Uint8Array {
  return encode(c.messages.map((m) => `${c.layout.render(m, c.space)}${m.sender}: ${m.lines.join(c.newline)}${c.newline}`).join(''));
}

/** What the adapter must read back: author pseudonym, text, and the local time in the zone as luxon reads it. */
function readBack(c: Chat): { author: string; text: string; time: string | null }[] {
  return c.messages.map((m) => ({
    author: `whatsapp-sender:${senderKey(m.sender)}`,
    text: m.lines.join('\n'),
    time: DateTime.fromObject({ year: m.year, month: m.month, day: m.day, hour: m.hour, minute: m.minute, second: m.second }, { zone: c.zone }).toUTC().toISO({ suppressMilliseconds: true }),
  }));
}

describe('WhatsApp adapter under fuzzing: generated chats', () => {
  it('reads back every message of a chat in any layout: count, senders, texts and times', async () => {
    await fc.assert(
      fc.asyncProperty(chat, fc.boolean(), async (c, withPath) => {
        const out = await read(render(c), { withPath, timezone: c.zone });
        expectContract(out, CONTRACT);
        expect(out.filter(isDiagnostic).map((d) => d.ruleId)).toEqual(['whatsapp/timezone-assumed']);
        const items = itemsOf(out);
        expect(items.map((item) => ({ author: item.author?.id ?? null, text: item.text, time: item.time }))).toEqual(readBack(c));
        expect(items.every((item) => item.kind === 'message' && item.author?.pseudonymous === true)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('gives one person one pseudonym, and two people two', async () => {
    await fc.assert(
      fc.asyncProperty(chat, async (c) => {
        const items = itemsOf(await read(render(c), { timezone: c.zone }));
        const bySender = new Map<string, string>();
        items.forEach((item, i) => {
          const key = senderKey(c.messages[i]?.sender ?? '');
          const known = bySender.get(key);
          if (known === undefined) bySender.set(key, item.author?.id ?? '');
          else expect(item.author?.id).toBe(known);
        });
        expect(new Set(bySender.values()).size).toBe(bySender.size);
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same records however the bytes arrive', async () => {
    await fc.assert(
      fc.asyncProperty(chat, chunking, fc.boolean(), async (c, how, withPath) => {
        const bytes = render(c);
        const whole = await read(bytes, { withPath, timezone: c.zone });
        const cut = await read(bytes, { withPath, timezone: c.zone, chunkSizes: chunkSizes(bytes.length, how) });
        expect(JSON.stringify(cut)).toBe(JSON.stringify(whole));
      }),
      { numRuns: 150 },
    );
  });

  it('reads a chat cut short as the same messages up to the cut, the last one perhaps shortened', async () => {
    await fc.assert(
      fc.asyncProperty(chat, fc.nat(), async (c, at) => {
        const bytes = render(c);
        const whole = itemsOf(await read(bytes, { timezone: c.zone }));
        const out = await read(bytes.subarray(0, at % (bytes.length + 1)), { timezone: c.zone });
        expectContract(out, CONTRACT);
        const items = itemsOf(out);
        expect(items.length).toBeLessThanOrEqual(whole.length);
        expect(items.slice(0, -1)).toEqual(whole.slice(0, Math.max(0, items.length - 1)));
      }),
      { numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Input that goes wrong in the ways exports do.

const token = fc.oneof(
  fc.constantFrom(
    '18/09/2026, 02:14 - ', '[18/09/2026, 02:14:05] ', '\u200e[9/18/26, 2:14:05\u202fAM] ', '18/9/26, 2:14 a. m. - ', '31/02/2026, 02:14 - ', '18/09/2026, 25:61 - ',
    '13/13/26, 1:00 PM - ', '2026-09-18, 02:14:05] ', '[2026-09-18, 02:14:05] ', '18.09.26, 02:14 - ', '03/04/26, 10:00 - ', 'Ana: ', '\u202a+58 412-555-0199\u202c: ', 'Vecinos: ',
    '\u200e', '\u200f', '\u202f', '\u00a0', '<attached: 00000012-PHOTO-2026-09-18-02-14-05.jpg>', '<adjunto: x.jpg>', 'IMG-20260918-WA0003.jpg (file attached)',
    '<Media omitted>', 'image omitted', 'imagen omitida', 'This message was deleted', 'Se eliminó este mensaje.', '<This message was edited>', '<Se editó este mensaje.>',
    'location: https://maps.google.com/?q=7.2,-70.7', 'location: https://maps.google.com/?q=99,999', 'Messages and calls are end-to-end encrypted.',
    'Ana added Beto', 'changed the subject from "a: b" to "c"', '"', '“', ': ', ':', '\n', '\r\n', '\r', '\uFEFF', '\uFFFD', 'PK\u0003\u0004', '💥', 'خبر',
  ),
  fc.string({ maxLength: 8 }),
);
const tokenSoup = fc.array(token, { maxLength: 60 }).map((tokens) => tokens.join(''));

describe('WhatsApp adapter under fuzzing: arbitrary input', () => {
  it('never throws on arbitrary bytes, with or without a file behind them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), chunking, fc.boolean(), async (bytes, how, withPath) => {
        expectContract(await read(bytes, { withPath, chunkSizes: chunkSizes(bytes.length, how) }), CONTRACT);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on token soup of timestamps, senders and placeholders, however it arrives', async () => {
    await fc.assert(
      fc.asyncProperty(tokenSoup, chunking, fc.boolean(), async (soup, how, withPath) => {
        const bytes = encode(soup);
        const whole = await read(bytes, { withPath });
        expectContract(whole, CONTRACT);
        expect(JSON.stringify(await read(bytes, { withPath, chunkSizes: chunkSizes(bytes.length, how) }))).toBe(JSON.stringify(whole));
      }),
      { numRuns: 400 },
    );
  });

  it("reads a body the same way with and without the shortcut for plain text", () => {
    fc.assert(
      fc.property(tokenSoup, fc.array(tokenSoup, { maxLength: 3 }), (first, rest) => {
        const line = (text: string): string => text.replace(/[\n\r]/g, ' ');
        const lines = rest.map(line);
        expect(readBody(line(first), lines)).toEqual(readMarkedBody([line(first), ...lines].join('\n')));
      }),
      { numRuns: 3000 },
    );
  });

  for (const name of fixtureNames().filter((n) => !n.endsWith('.zip'))) {
    it(`gives the same records for ${name} however its bytes arrive, one byte at a time included`, async () => {
      const bytes = fixtureBytes(name);
      const whole = JSON.stringify(await read(bytes, { withPath: true }));
      expect(JSON.stringify(await read(bytes, { withPath: true, chunkSizes: [1] }))).toBe(whole);
      await fc.assert(
        fc.asyncProperty(chunking, async (how) => {
          expect(JSON.stringify(await read(bytes, { withPath: true, chunkSizes: chunkSizes(bytes.length, how) }))).toBe(whole);
        }),
        { numRuns: 20 },
      );
    });
  }
});

describe('WhatsApp adapter under fuzzing: damaged zips', () => {
  const zips = fixtureNames().filter((name) => name.endsWith('.zip'));

  it('never throws on a zip cut short or with bytes overwritten, and keeps the contract', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...zips),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        async (name, cut, writes) => {
          const original = fixtureBytes(name);
          const bytes = Uint8Array.from(original.subarray(0, Math.max(4, cut % (original.length + 1))));
          for (const [at, value] of writes) bytes[at % bytes.length] = value;
          expectContract(await read(bytes, { withPath: true }), CONTRACT);
        },
      ),
      { numRuns: 250, timeout: 3000 },
    );
  });
});
