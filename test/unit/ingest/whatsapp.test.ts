import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { keyedPseudonymizer, ZipArchive, ZipEntryError } from '../../../src/ingest/index.js';
import { detectWhatsApp, parseWhatsApp, senderKey } from '../../../src/ingest/whatsapp/index.js';
import { ZoneClock } from '../../../src/ingest/whatsapp/clock.js';
import { parseHeader } from '../../../src/ingest/whatsapp/header.js';
import { RawItem, isDiagnostic, type Diagnostic } from '../../../src/model/index.js';
import { feedAdapter, telegramAdapter } from '../../../src/ingest/index.js';
import { fixtureBytes, fixtureNames, fixturePath, hashAttach, parseWhatsAppBytes, readablePseudonyms, type ParseOptions } from '../../fixtures/whatsapp/harness.js';
import { tinyJpeg, zipBytes, type ZipSpec } from '../../fixtures/whatsapp/make-zips.js';
import { useTempDirs } from '../../helpers/temp.js';

type Output = RawItem | Diagnostic;
const items = (out: readonly Output[]): RawItem[] => out.filter((x): x is RawItem => !isDiagnostic(x));
const diagnostics = (out: readonly Output[]): Diagnostic[] => out.filter(isDiagnostic);
const ruleIds = (out: readonly Output[]): string[] => diagnostics(out).map((d) => d.ruleId);
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const tempDir = useTempDirs();

/** Parse text written to a temporary file (so the first pass has a path), or as a bare stream. */
async function parseText(text: string | Uint8Array, options: ParseOptions & { withPath?: boolean; name?: string } = {}): Promise<Output[]> {
  const bytes = typeof text === 'string' ? encode(text) : text;
  const name = options.name ?? 'chat.txt';
  let path: string | null = null;
  if (options.withPath !== false) {
    path = join(await tempDir(), name);
    await writeFile(path, bytes);
  }
  return parseWhatsAppBytes(bytes, { file: name, ...options, path });
}

async function parseZip(entries: readonly ZipSpec[], options: ParseOptions & { name?: string; zip64?: boolean } = {}): Promise<Output[]> {
  const bytes = zipBytes(entries, { zip64: options.zip64 === true });
  const name = options.name ?? 'WhatsApp Chat - Prueba.zip';
  const path = join(await tempDir(), name);
  await writeFile(path, bytes);
  return parseWhatsAppBytes(bytes, { file: name, ...options, path });
}

describe('WhatsApp timestamps', () => {
  const cases: [string, Partial<ReturnType<typeof parseHeader> & object>][] = [
    ['18/09/2026, 02:14 - Ana: hola', { stamp: '18/09/2026, 02:14', first: 18, second: 9, third: 2026, hour: 2, minute: 14, bracketed: false, rest: 'Ana: hola' }],
    ['9/18/26, 2:14\u202fAM - Ana: hi', { stamp: '9/18/26, 2:14\u202fAM', first: 9, second: 18, yearDigits: 2, hour: 2 }],
    ['9/18/26, 12:14\u202fAM - Ana: hi', { hour: 0, minute: 14 }],
    ['9/18/26, 12:14 PM - Ana: hi', { hour: 12 }],
    ['18/9/26, 2:14 p. m. - Ana: hola', { hour: 14 }],
    ['18/9/26, 2:14\u202fp.\u00a0m. - Ana: hola', { hour: 14 }],
    ['18/9/26, 2:14 a.m. - Ana: hola', { hour: 2 }],
    ['18/9/26, 2:14 a. m. - Ana: hola', { hour: 2, rest: 'Ana: hola' }],
    ['[18/09/2026, 02:14:05] Ana: hola', { second: 9, secondOfMinute: 5, bracketed: true, rest: 'Ana: hola' }],
    ['\u200e[18/09/2026, 02:14:05] Ana: \u200eimage omitted', { bracketed: true, rest: 'Ana: \u200eimage omitted' }],
    ['[9/18/26, 2:14:05\u202fPM] Ana: hi', { hour: 14, secondOfMinute: 5 }],
    ['18.09.26, 02:14 - Hans: Hallo', { first: 18, second: 9, third: 26 }],
    ['[2026-09-18, 02:14:05] Ana: hej', { yearFirst: true, first: 2026, second: 9, third: 18 }],
    ['9/18/26, 2:14:05 AM: Ana: hi', { hour: 2, rest: 'Ana: hi' }],
    ['18/09/2026, 02:14 - Ana added Beto', { rest: 'Ana added Beto' }],
  ];
  for (const [line, expected] of cases) {
    it(`reads ${JSON.stringify(line)}`, () => {
      expect(parseHeader(line)).toMatchObject(expected);
    });
  }

  it('does not take text that only looks a bit like a timestamp', () => {
    for (const line of ['18/09/2026, 02:', '2026-09-18 was the day', '[18/09/2026, 02:14:05 Ana: no closing bracket', '18/09/2026, 02:14 Ana: no dash', 'hola 18/09/2026, 02:14 - Ana: x']) {
      expect(parseHeader(line), line).toBeNull();
    }
  });

  it('marks impossible clock times', () => {
    expect(parseHeader('18/09/2026, 25:00 - Ana: x')?.clockValid).toBe(false);
    expect(parseHeader('18/09/2026, 13:00 PM - Ana: x')?.clockValid).toBe(false);
    expect(parseHeader('18/09/2026, 23:59 - Ana: x')?.clockValid).toBe(true);
  });
});

describe('WhatsApp date order', () => {
  it('reads a month-first file month-first, with or without a second pass, when its first message settles it', async () => {
    const text = '9/18/26, 2:14 AM - Ana: one\n10/2/26, 8:00 AM - Ana: two\n';
    for (const withPath of [true, false]) {
      const out = await parseText(text, { withPath });
      expect(items(out).map((item) => item.time)).toEqual(['2026-09-18T06:14:00Z', '2026-10-02T12:00:00Z']);
      expect(ruleIds(out)).toEqual(['whatsapp/timezone-assumed']);
    }
  });

  it('reads the ambiguous dates before the first telling one by the whole file when it has a path', async () => {
    const text = '3/4/26, 10:00 AM - Ana: one\n3/14/26, 10:00 AM - Ana: two\n';
    const out = await parseText(text);
    expect(items(out).map((item) => item.time)).toEqual(['2026-03-04T14:00:00Z', '2026-03-14T14:00:00Z']);
    expect(ruleIds(out)).toEqual(['whatsapp/timezone-assumed']);
  });

  it('without a second pass says which messages it may have misread', async () => {
    const text = '3/4/26, 10:00 AM - Ana: one\n3/14/26, 10:00 AM - Ana: two\n';
    const out = await parseText(text, { withPath: false });
    expect(items(out).map((item) => item.time)).toEqual(['2026-04-03T14:00:00Z', '2026-03-14T14:00:00Z']);
    const doubt = diagnostics(out).find((d) => d.ruleId === 'whatsapp/date-order');
    expect(doubt?.severity).toBe('warning');
    expect(doubt?.location).toBe('1:1');
    expect(doubt?.message).toMatch(/1 message was read as day\/month before line 2/);
  });

  it('assumes day/month for a wholly ambiguous file and says so once', async () => {
    const out = await parseText('01/02/2026, 10:00 - Ana: uno\n01/02/2026, 10:05 - Beto: dos\n');
    expect(items(out).map((item) => item.time)).toEqual(['2026-02-01T14:00:00Z', '2026-02-01T14:05:00Z']);
    expect(diagnostics(out).filter((d) => d.ruleId === 'whatsapp/date-order')).toHaveLength(1);
    expect(diagnostics(out).find((d) => d.ruleId === 'whatsapp/date-order')?.message).toMatch(/assumed day\/month/);
  });
});

describe('WhatsApp times and zones', () => {
  it('reads local times in the case zone, as luxon does across DST changes', async () => {
    const text = [
      '08/03/2026, 01:30 - Ana: before the gap',
      '08/03/2026, 02:30 - Ana: in the skipped hour',
      '08/03/2026, 03:30 - Ana: after the gap',
      '01/11/2026, 01:30 - Ana: in the repeated hour',
      '18/09/2026, 02:14 - Ana: summer',
    ].join('\n');
    const out = await parseText(text, { timezone: 'America/New_York' });
    const expected = [
      [2026, 3, 8, 1, 30],
      [2026, 3, 8, 2, 30],
      [2026, 3, 8, 3, 30],
      [2026, 11, 1, 1, 30],
      [2026, 9, 18, 2, 14],
    ].map(([year, month, day, hour, minute]) => DateTime.fromObject({ year, month, day, hour, minute }, { zone: 'America/New_York' }).toUTC().toISO({ suppressMilliseconds: true }));
    expect(items(out).map((item) => item.time)).toEqual(expected);
    // luxon moves a skipped time forward and gives a repeated one the offset after the change.
    expect(expected.slice(1, 4)).toEqual(['2026-03-08T07:30:00Z', '2026-03-08T07:30:00Z', '2026-11-01T06:30:00Z']);
    expect(items(out).every((item) => item.extra['timezoneAssumed'] === 'America/New_York')).toBe(true);
    expect(diagnostics(out).filter((d) => d.ruleId === 'whatsapp/timezone-assumed')).toHaveLength(1);
  });

  it('agrees with luxon through a year of zones with DST, minute by minute around each change', () => {
    const start = Date.UTC(2026, 0, 1);
    const end = Date.UTC(2027, 0, 1);
    for (const zone of ['Europe/Madrid', 'America/Santiago', 'Australia/Lord_Howe']) {
      const clock = new ZoneClock(zone);
      // A wall-clock time, written as the UTC fields of `millis`.
      const check = (millis: number): void => {
        const wall = new Date(millis);
        const date = { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
        const [hour, minute, second] = [wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds()];
        const expected = DateTime.fromObject({ ...date, hour, minute, second }, { zone }).toMillis();
        const actual = clock.epochMillis(date, hour, minute, second);
        if (actual !== expected) expect(actual, `${zone} ${wall.toISOString()}`).toBe(expected);
      };
      // Every 3 hours 17 minutes 13 seconds through 2026 ...
      for (let t = start; t < end; t += (197 * 60 + 13) * 1000) check(t);
      // ... and every minute of the days the zone changes its offset.
      for (let day = start; day < end; day += 86_400_000) {
        const wall = new Date(day);
        const midnight = DateTime.fromObject({ year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() }, { zone });
        if (midnight.offset === midnight.plus({ days: 1 }).offset) continue;
        for (let minute = 0; minute < 1440; minute++) check(day + minute * 60_000);
      }
    }
  });

  it('reads an unknown zone as UTC with an error', async () => {
    const out = await parseText('18/09/2026, 02:14 - Ana: hola\n', { timezone: 'Mars/Olympus_Mons' });
    expect(diagnostics(out)[0]).toMatchObject({ ruleId: 'whatsapp/invalid-timezone', severity: 'error' });
    expect(items(out)[0]?.time).toBe('2026-09-18T02:14:00Z');
  });
});

describe('WhatsApp senders and identity', () => {
  it('keys one person written two ways on the same number', () => {
    expect(senderKey('+58 412-555-0199')).toBe('+584125550199');
    expect(senderKey('\u202a+58 412 5550199\u202c')).toBe('+584125550199');
    expect(senderKey('María  José')).toBe('María José');
    expect(senderKey('Mari\u0301a')).toBe('María');
  });

  it('lets no sender name or phone number out, only keyed pseudonyms', async () => {
    const pseudonymizer = keyedPseudonymizer(new Uint8Array(32).fill(7));
    for (const name of ['WhatsApp Chat with Vecinos de La Ceibita.txt', 'WhatsApp Chat with Carlos M.txt', 'WhatsApp Chat - Frontera Sur/_chat.txt']) {
      const bytes = fixtureBytes(name);
      const out: Output[] = [];
      async function* stream(): AsyncGenerator<Uint8Array> {
        yield await Promise.resolve(bytes);
      }
      for await (const record of parseWhatsApp({ stream: stream(), file: name, sha256: null, timezone: 'UTC', pseudonymizer, baseDir: null, path: fixturePath(name) })) {
        out.push(record);
      }
      for (const item of items(out)) {
        const shown = JSON.stringify([item.author, item.channel.name, item.externalId, item.channel.id]);
        for (const secret of ['555', 'María', 'Luis', 'Carlos', 'Ana Torres', 'Diego']) expect(shown, `${name}: ${shown}`).not.toContain(secret);
        if (item.author !== null) {
          expect(item.author.id).toMatch(/^persona-[0-9a-f]{12}$/);
          expect(item.author).toEqual({ id: item.author.id, name: item.author.id, pseudonymous: true });
        }
      }
    }
  });

  it('names a one-to-one chat after the contact by their pseudonym, and a group by its name', async () => {
    const person = items(await parseWhatsAppBytes(fixtureBytes('WhatsApp Chat with Carlos M.txt'), { file: 'WhatsApp Chat with Carlos M.txt', path: fixturePath('WhatsApp Chat with Carlos M.txt') }));
    expect(person[0]?.channel.id).toMatch(/^whatsapp:[0-9a-f]{16}$/);
    expect(person[0]?.channel).toMatchObject({ name: 'whatsapp-sender:Carlos M', type: 'whatsapp-chat' });
    const phone = items(await parseText('18/09/2026, 02:14 - Ana: hola\n', { name: 'WhatsApp Chat with +58 412-555-0199.txt' }));
    expect(phone[0]?.channel.name).toBe('whatsapp-sender:+584125550199');
    const group = items(await parseText('18/09/2026, 02:14 - Ana: hola\n', { name: 'WhatsApp Chat with Vecinos.txt' }));
    expect(group[0]?.channel.name).toBe('Vecinos');
  });

  it('gives the same ids to the same chat re-read, with CRLF line ends, or zipped', async () => {
    const name = 'WhatsApp Chat with Vecinos de La Ceibita.txt';
    const text = Buffer.from(fixtureBytes(name)).toString('utf8');
    const ids = (out: readonly Output[]): string[] => items(out).map((item) => item.id);
    const plain = ids(await parseText(text, { name }));
    expect(ids(await parseText(text, { name }))).toEqual(plain);
    expect(ids(await parseText(text.replaceAll('\n', '\r\n'), { name }))).toEqual(plain);
    const zipped = fixturePath('WhatsApp Chat with Vecinos de La Ceibita.zip');
    expect(ids(await parseWhatsAppBytes(fixtureBytes('WhatsApp Chat with Vecinos de La Ceibita.zip'), { file: 'x.zip', path: zipped }))).toEqual(plain);
    expect(new Set(plain).size).toBe(plain.length);
  });

  it('tells identical messages in one minute apart, and keeps their ids when other minutes change', async () => {
    const base = '18/09/2026, 02:21 - Ana: ok\n18/09/2026, 02:21 - Ana: ok\n';
    const first = items(await parseText(base));
    expect(first[0]?.id).not.toBe(first[1]?.id);
    const more = items(await parseText(`18/09/2026, 02:20 - Beto: hola\n${base}`));
    expect(more.slice(1).map((item) => item.id)).toEqual(first.map((item) => item.id));
  });
});

describe('WhatsApp bad input', () => {
  it('reads a 10 MB single line as it streams, in small chunks too', async () => {
    const body = 'explosión '.repeat(1_000_000);
    const bytes = encode(`18/09/2026, 02:14 - Ana: ${body}\n18/09/2026, 02:15 - Beto: ¿qué?\n`);
    expect(bytes.length).toBeGreaterThan(10_000_000);
    for (const chunkSizes of [[64 * 1024], [1000, 7, 4093]]) {
      const out = await parseText(bytes, { chunkSizes });
      expect(items(out).map((item) => item.text.length)).toEqual([body.length, 5]);
      expect(items(out)[0]?.origin.length).toBe(bytes.indexOf(0x0a));
      expect(ruleIds(out)).toEqual(['whatsapp/timezone-assumed']);
    }
  });

  it('keeps the first 16 MiB of a longer line and says so', async () => {
    const bytes = encode(`18/09/2026, 02:14 - Ana: ${'x'.repeat(17 * 1024 * 1024)}\n18/09/2026, 02:15 - Beto: ok\n`);
    const out = await parseText(bytes, { withPath: false, chunkSizes: [1 << 20] });
    expect(items(out).map((item) => item.text.length)).toEqual([16 * 1024 * 1024 - '18/09/2026, 02:14 - Ana: '.length, 2]);
    expect(diagnostics(out).find((d) => d.ruleId === 'whatsapp/line-too-long')).toMatchObject({ severity: 'error', location: '1:1' });
  });

  it('stops a message gathering continuation lines past 16 Mi characters, and says so once', async () => {
    const line = 'y'.repeat(1023);
    const bytes = encode(`18/09/2026, 02:14 - Ana: inicio\n${`${line}\n`.repeat(17 * 1024)}18/09/2026, 02:15 - Beto: ok\n`);
    const out = await parseText(bytes, { withPath: false, chunkSizes: [1 << 20] });
    const kept = items(out)[0]?.text.length ?? 0;
    // Whole lines up to the limit: the 17 MiB of lines are cut to just under 16 Mi characters.
    expect(kept).toBeLessThanOrEqual(16 * 1024 * 1024);
    expect(kept).toBeGreaterThan(16 * 1024 * 1024 - 1024);
    expect(items(out)[1]?.text).toBe('ok');
    expect(diagnostics(out).filter((d) => d.ruleId === 'whatsapp/message-too-long')).toHaveLength(1);
  });

  it('never throws on a zip without a path, and says why it cannot read it', async () => {
    const bytes = zipBytes([{ name: '_chat.txt', data: encode('[18/09/2026, 02:14:05] Ana: hola\n'), method: 'stored' }]);
    const out = await parseWhatsAppBytes(bytes, { file: 'export.zip', path: null });
    expect(ruleIds(out)).toEqual(['whatsapp/zip-needs-path']);
  });
});

describe('WhatsApp zips', () => {
  const chat = (text: string, method: ZipSpec['method'] = 'deflated', descriptor = false): ZipSpec => ({ name: '_chat.txt', data: encode(text), method, descriptor });
  const photo = '00000012-PHOTO-2026-09-18-02-14-05.jpg';

  it('attaches each media file a message names, once, and the others after the messages', async () => {
    const attached: string[] = [];
    const out = await parseZip(
      [
        chat(`[18/09/2026, 02:14:05] Ana: <attached: ${photo}>\n[18/09/2026, 02:14:09] Beto: <attached: ${photo}>\n`),
        { name: photo, data: tinyJpeg(1), method: 'stored' },
        { name: 'extra.jpg', data: tinyJpeg(2), method: 'deflated' },
      ],
      { attach: async (name, bytes) => { attached.push(name); return hashAttach(name, bytes); } },
    );
    expect(attached).toEqual([photo, 'extra.jpg']);
    const [first, second] = items(out);
    expect(first?.media[0]).toMatchObject({ kind: 'photo', ref: photo, status: 'captured', bytes: tinyJpeg(1).length, mediaType: 'image/jpeg' });
    expect(second?.media[0]?.sha256).toBe(first?.media[0]?.sha256);
    expect(diagnostics(out).at(-1)).toMatchObject({ ruleId: 'whatsapp/unreferenced-media', severity: 'info', location: 'extra.jpg' });
  });

  it('only hashes the entries when no attach port is given, as a dry run does', async () => {
    const bytes = zipBytes([chat(`[18/09/2026, 02:14:05] Ana: <attached: ${photo}>\n`), { name: photo, data: tinyJpeg(5), method: 'deflated' }]);
    const path = join(await tempDir(), 'x.zip');
    await writeFile(path, bytes);
    const out: Output[] = [];
    async function* stream(): AsyncGenerator<Uint8Array> {
      yield await Promise.resolve(bytes);
    }
    for await (const record of parseWhatsApp({ stream: stream(), file: 'x.zip', sha256: null, timezone: 'UTC', pseudonymizer: readablePseudonyms, baseDir: null, path })) out.push(record);
    expect(items(out)[0]?.media[0]).toMatchObject({ status: 'captured', sha256: createHash('sha256').update(tinyJpeg(5)).digest('hex'), bytes: tinyJpeg(5).length });
  });

  it('finds a one-to-one chat however the contact name is written in the file name', async () => {
    // macOS writes file names decomposed (NFD); the phone writes the sender composed, with marks.
    const out = items(await parseText('18/09/2026, 02:14 - \u200eJosé Peña: hola\n', { name: 'WhatsApp Chat with Jose\u0301 Pen\u0303a.txt' }));
    expect(out[0]?.channel.name).toBe('whatsapp-sender:José Peña');
  });

  it('reads zip64 archives, with and without data descriptors', async () => {
    for (const descriptor of [false, true]) {
      const out = await parseZip([chat(`[18/09/2026, 02:14:05] Ana: <attached: ${photo}>\n`, 'deflated', descriptor), { name: photo, data: tinyJpeg(1), method: 'stored' }], { zip64: true });
      expect(items(out)[0]?.media[0]?.status).toBe('captured');
      expect(ruleIds(out)).toEqual(['whatsapp/timezone-assumed']);
    }
  });

  it('stops an entry that inflates past its declared size (a zip bomb) with an error for it alone', async () => {
    const out = await parseZip([
      chat(`[18/09/2026, 02:14:05] Ana: <attached: ${photo}>\n`),
      { name: photo, data: new Uint8Array(5_000_000), method: 'deflated', declaredSize: 1000 },
    ]);
    expect(items(out)[0]?.media[0]?.status).toBe('missing');
    expect(diagnostics(out).find((d) => d.ruleId === 'whatsapp/zip-entry-unreadable')?.message).toMatch(/more than the 1000 bytes/);
  });

  it('recovers every complete entry of a zip cut at any point, with one error, and never throws', async () => {
    const whole = zipBytes(
      [chat(`[18/09/2026, 02:14:05] Ana: hola\n[18/09/2026, 02:14:09] Ana: <attached: ${photo}>\n`, 'deflated', true), { name: photo, data: tinyJpeg(1), method: 'deflated', descriptor: true }],
    );
    const dir = await tempDir();
    const photoStart = whole.indexOf(Buffer.from(photo)) - 30;
    for (let cut = 0; cut < whole.length; cut += 3) {
      const path = join(dir, `cut-${cut}.zip`);
      const bytes = whole.subarray(0, cut);
      await writeFile(path, bytes);
      const out = await parseWhatsAppBytes(bytes, { file: 'cut.zip', path });
      for (const record of out) if (!isDiagnostic(record)) expect(() => RawItem.parse(record)).not.toThrow();
      if (cut >= 4) expect(diagnostics(out).filter((d) => d.ruleId === 'whatsapp/truncated-zip'), `cut at ${cut}`).toHaveLength(1);
      // Once the chat text is whole, its two messages are read; the photo only once it is whole too.
      if (cut >= photoStart) expect(items(out).map((item) => item.text), `cut at ${cut}`).toEqual(['hola', '']);
      if (cut >= photoStart) expect(items(out)[1]?.media[0]?.status, `cut at ${cut}`).toBe(cut >= whole.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) ? 'captured' : 'missing');
    }
  });

  it('ends the scan of a cut zip at an entry whose deflated data is damaged, without hanging', async () => {
    const whole = zipBytes([chat('[18/09/2026, 02:14:05] Ana: hola\n', 'deflated', true), { name: photo, data: tinyJpeg(1), method: 'deflated', descriptor: true }]);
    const photoData = whole.indexOf(Buffer.from(photo)) + photo.length;
    const bytes = Buffer.from(whole.subarray(0, whole.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))));
    // Overwrite the first bytes of the photo's deflate stream with an invalid block type (0b11).
    bytes.fill(0xff, photoData, photoData + 4);
    const path = join(await tempDir(), 'cut.zip');
    await writeFile(path, bytes);
    const out = await parseWhatsAppBytes(bytes, { file: 'cut.zip', path });
    expect(items(out).map((item) => item.text)).toEqual(['hola']);
    expect(diagnostics(out)[0]?.message).toMatch(/1 complete entry was read from the local headers; "00000012-PHOTO-2026-09-18-02-14-05.jpg" is cut short/);
  });

  it('reads an entry damaged in the middle as far as it goes, and names the entry', async () => {
    const archiveBytes = zipBytes([chat('[18/09/2026, 02:14:05] Ana: hola\n', 'stored'), { name: photo, data: tinyJpeg(3), method: 'stored', badCrc: true }]);
    const path = join(await tempDir(), 'x.zip');
    await writeFile(path, archiveBytes);
    const archive = await ZipArchive.open(path);
    try {
      expect(archive.damage).toBeNull();
      expect(archive.entries.map((entry) => entry.name)).toEqual(['_chat.txt', photo]);
      const entry = archive.entries[1];
      if (entry === undefined) throw new Error('no entry');
      await expect(async () => {
        for await (const chunk of archive.read(entry)) expect(chunk.length).toBeGreaterThan(0);
      }).rejects.toThrow(ZipEntryError);
    } finally {
      await archive.close();
    }
  });

  it('lets an infrastructure failure of the attach port through: it is not a bad record', async () => {
    await expect(
      parseZip([chat(`[18/09/2026, 02:14:05] Ana: <attached: ${photo}>\n`), { name: photo, data: tinyJpeg(1), method: 'stored' }], {
        attach: () => Promise.reject(new Error('disk full')),
      }),
    ).rejects.toThrow('disk full');
  });

  it('reads the first of two chat texts in one zip and keeps the other as evidence', async () => {
    const out = await parseZip([chat('[18/09/2026, 02:14:05] Ana: uno\n'), { name: 'WhatsApp Chat with Otro.txt', data: encode('18/09/2026, 02:14 - Beto: dos\n'), method: 'stored' }]);
    expect(items(out).map((item) => item.text)).toEqual(['uno']);
    expect(ruleIds(out)).toEqual(['whatsapp/several-chats', 'whatsapp/timezone-assumed', 'whatsapp/unreferenced-media']);
  });

  it('names the chat from the Android entry, else the zip', async () => {
    const android = items(await parseZip([{ name: 'Chat de WhatsApp con Señora Rosa.txt', data: encode('18/09/2026, 02:14 - Ana: hola\n'), method: 'deflated' }], { name: 'export (1).zip' }));
    expect(android[0]?.channel.name).toBe('Señora Rosa');
    const ios = items(await parseZip([chat('[18/09/2026, 02:14:05] Ana: hola\n')], { name: 'WhatsApp Chat - Vecinos (1).zip' }));
    expect(ios[0]?.channel.name).toBe('Vecinos');
  });
});

describe('WhatsApp detection', () => {
  it('claims its own fixtures and nothing of the other formats', () => {
    for (const name of fixtureNames()) {
      const head = fixtureBytes(name).subarray(0, 4096);
      const score = detectWhatsApp(head, name.slice(name.lastIndexOf('/') + 1));
      if (name.startsWith('not-a-chat') || name === 'empty.txt') expect(score, name).toBeLessThan(0.5);
      // Text before the first message makes it less sure, but still sure enough.
      else if (name === 'broken-lines.txt') expect(score, name).toBeGreaterThanOrEqual(0.5);
      else expect(score, name).toBeGreaterThanOrEqual(0.9);
      expect(telegramAdapter.detect(head, name), name).toBeLessThan(0.5);
      expect(feedAdapter.detect(head, name), name).toBeLessThan(0.5);
    }
  });

  it('claims a file whose first message is longer than the head it is shown', () => {
    expect(detectWhatsApp(encode(`18/09/2026, 02:14 - Ana: ${'x'.repeat(5000)}`).subarray(0, 4096), 'chat.txt')).toBeGreaterThanOrEqual(0.85);
  });

  it('gives a zip a moderate score on its name alone, and leaves other zips and formats alone', () => {
    const zip = zipBytes([{ name: 'IMG_0001.jpg', data: tinyJpeg(1), method: 'stored' }]);
    expect(detectWhatsApp(zip, 'WhatsApp Chat with Vecinos.zip')).toBeGreaterThanOrEqual(0.5);
    expect(detectWhatsApp(zip, 'fotos.zip')).toBeLessThan(0.5);
    expect(detectWhatsApp(encode('{"messages": []}'), 'result.json')).toBe(0);
    expect(detectWhatsApp(encode('<?xml version="1.0"?><rss/>'), 'feed.xml')).toBe(0);
  });
});
