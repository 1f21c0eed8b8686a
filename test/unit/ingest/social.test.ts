import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvReader, detectTable, mastodonAdapter, readTableTime, tableAdapter, twitterAdapter } from '../../../src/ingest/social/index.js';
import { isDiagnostic, type Diagnostic, type RawItem } from '../../../src/model/index.js';
import { FIXTURE_DIR, fixtureBytes, parseBytes } from '../../fixtures/social/harness.js';

type Output = (RawItem | Diagnostic)[];
const items = (out: Output): RawItem[] => out.filter((x): x is RawItem => !isDiagnostic(x));
const diagnostics = (out: Output): Diagnostic[] => out.filter(isDiagnostic);
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
/** An item without where it was found, to compare items read from differently laid-out files. */
const content = ({ origin: _origin, ...rest }: RawItem): Omit<RawItem, 'origin'> => rest;

const temp = mkdtempSync(join(tmpdir(), 'corroborate-social-'));
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

describe('X/Twitter API v2', () => {
  const page = JSON.parse(readFileSync(join(FIXTURE_DIR, 'twitter-search-recent.json'), 'utf8')) as Record<string, unknown>;
  const read = async (value: unknown, chunkSizes?: number[]): Promise<Output> =>
    parseBytes(twitterAdapter, encode(JSON.stringify(value, null, 2)), chunkSizes === undefined ? {} : { chunkSizes });

  it('resolves the same authors, media and places whether "includes" comes before or after "data"', async () => {
    const after = items(await read(page));
    const before = items(await read({ includes: page['includes'], errors: page['errors'], meta: page['meta'], data: page['data'] }));
    expect(after.length).toBe(9);
    expect(before.map(content)).toEqual(after.map(content));
    expect(after.filter((item) => item.author?.pseudonymous === false).length).toBe(8);
  });

  it('leaves no trace of a protected account: no handle, no name, no link with the handle', async () => {
    const out = await read(page);
    const protectedItem = items(out).find((item) => item.author?.pseudonymous === true);
    expect(protectedItem?.text).toMatch(/^Mi tío vive/);
    expect(protectedItem?.channel.type).toBe('protected-account');
    const everything = JSON.stringify(out);
    expect(everything).not.toContain('vecino_guasdualito');
    expect(everything).not.toContain('Luis M.');
    expect(everything).not.toContain('1567003298117361664');
  });

  it('names a mentioned protected account by its pseudonym only', async () => {
    const out = await read({
      data: [{ id: '11', text: '@cerrada @abierta vean esto', author_id: '1', entities: { mentions: [{ start: 0, end: 8, username: 'cerrada', id: '2' }, { start: 9, end: 17, username: 'abierta', id: '3' }] } }],
      includes: { users: [{ id: '1', username: 'radio' }, { id: '2', username: 'cerrada', protected: true }, { id: '3', username: 'abierta' }] },
    });
    const mentions = items(out)[0]?.extra['mentions'] as string[];
    expect(mentions[0]).toMatch(/^persona-[0-9a-f]{12}$/);
    expect(mentions[1]).toBe('@abierta');
  });

  it('reads a long post from note_tweet and expands its own t.co links', async () => {
    const long = items(await read(page)).find((item) => item.channel.name === '@MinDefensaVE');
    expect(long?.text).toMatch(/^COMUNICADO \| .* Más información: https:\/\/mindefensa\.example\/comunicados\/2026-09-18 #Apure #FANB$/);
    expect(long?.text).not.toContain('t.co');
    expect(long?.extra['longPost']).toBe(true);
  });

  it('gives a retweet the original text and media, forwarded from the original author', async () => {
    const retweet = items(await read(page)).find((item) => item.extra['retweetOf'] !== undefined);
    expect(retweet?.forwardedFrom).toBe('@AlertaLlanera');
    expect(retweet?.text).toBe('🚨 Video de la explosión en Guasdualito esta madrugada. Difundan. #Apure');
    expect(retweet?.media.map((m) => m.kind)).toEqual(['video']);
    expect(retweet?.channel.name).toBe('@RadioFronteraVE');
  });

  it('takes the MP4 with the highest bit rate, a point over the place, and the place box centre only without a point', async () => {
    const all = items(await read(page));
    const withMedia = all.find((item) => item.media.length === 3);
    expect(withMedia?.media[1]?.ref).toContain('/1280x720/');
    expect(withMedia?.media[2]?.status).toBe('missing');
    expect(withMedia?.geo).toEqual({ lat: 7.2431, lon: -70.2345 });
    expect(withMedia?.extra['geoPrecision']).toBe('point');
    const placeOnly = all.find((item) => item.extra['geoPrecision'] === 'place-centroid');
    expect(placeOnly?.geo).toEqual({ lat: 7.24025, lon: -70.72615 });
    expect(placeOnly?.extra['place']).toMatchObject({ fullName: 'Guasdualito, Venezuela', bbox: [-70.7721, 7.2011, -70.6802, 7.2794] });
  });

  it('reports each entry of "errors" as a warning that names the resource', async () => {
    const errors = diagnostics(await read(page)).filter((d) => d.ruleId === 'twitter/api-error');
    expect(errors.map((d) => [d.severity, d.location])).toEqual([
      ['warning', '#/errors/0'],
      ['warning', '#/errors/1'],
    ]);
    expect(errors[1]?.message).toContain('tweet 1780000000000000001: Authorization Error');
  });

  it('reads JSON Lines of pages one page at a time', async () => {
    const line = readFileSync(join(FIXTURE_DIR, 'twitter-pages.jsonl'), 'utf8').split('\n')[0] ?? '';
    let pulled = 0;
    async function* pages(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 200; i++) {
        pulled++;
        yield await Promise.resolve(encode(`${line}\n`));
      }
    }
    let firstAt = -1;
    let count = 0;
    for await (const record of twitterAdapter.parse({
      stream: pages(),
      file: 'pages.jsonl',
      sha256: null,
      timezone: 'UTC',
      pseudonymizer: { pseudonym: (kind, value) => `${kind}:${value}` },
      baseDir: null,
    })) {
      if (!isDiagnostic(record)) {
        if (firstAt === -1) firstAt = pulled;
        count++;
      }
    }
    expect(firstAt).toBeLessThanOrEqual(2);
    expect(count).toBe(600);
  });

  it('reads on after a JSON Lines page cut short, even the first one, and after pretty-printed pages one after another', async () => {
    const line = '{"data":[{"id":"1","text":"ab","author_id":"7","created_at":"2026-09-18T06:14:03.000Z"}],"includes":{"users":[{"id":"7","username":"radio"}]}}';
    const cutFirst = await parseBytes(twitterAdapter, encode(`${line.slice(0, 40)}\n${line}\n${line.replace('"1"', '"2"')}\n`));
    expect(cutFirst.map((x) => (isDiagnostic(x) ? `${x.ruleId} ${x.location}` : `${x.externalId} ${x.origin.location}`))).toEqual([
      'twitter/truncated #/data/0',
      'twitter:1 line 2 #/data/0',
      'twitter:2 line 3 #/data/0',
    ]);
    const pretty = JSON.stringify(JSON.parse(line), null, 2);
    const concatenated = await parseBytes(twitterAdapter, encode(`${pretty}\n${pretty.replace('"1"', '"2"')}\n`));
    expect(items(concatenated).map((item) => [item.externalId, item.origin.location, item.channel.name])).toEqual([
      ['twitter:1', '#/data/0', '@radio'],
      ['twitter:2', `line ${pretty.split('\n').length + 1} #/data/0`, '@radio'],
    ]);
  });

  it('holds at most 10 000 tweets for a page whose "includes" comes last, then reads on without it', async () => {
    const tweets = Array.from({ length: 10_002 }, (_, i) => ({ id: String(1_000_000 + i), text: `t${i}`, author_id: '42', created_at: '2026-09-18T06:00:00.000Z' }));
    const out = await parseBytes(twitterAdapter, encode(JSON.stringify({ data: tweets, includes: { users: [{ id: '42', username: 'late', name: 'Late' }] } })));
    expect(items(out).length).toBe(10_002);
    expect(diagnostics(out).map((d) => d.ruleId)).toEqual(['twitter/includes-after-data', 'twitter/author-unresolved']);
    expect(items(out).every((item) => item.author?.pseudonymous === true)).toBe(true);
  });
});

describe('API times', () => {
  it('reads every instant an API writes, with or without milliseconds and offset, as UTC', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: Date.UTC(1000, 0, 2), max: Date.UTC(9999, 11, 30) }), fc.integer({ min: -14 * 60, max: 14 * 60 }), async (ms, offset) => {
        const utc = new Date(ms).toISOString();
        const expected = utc.replace('.000Z', 'Z');
        const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
        const sign = offset < 0 ? '-' : '+';
        const written = `${local}${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
        const page = { data: [{ id: '1', text: 'x', created_at: utc }, { id: '2', text: 'y', created_at: written }] };
        const out = items(await parseBytes(twitterAdapter, encode(JSON.stringify(page))));
        expect(out.map((item) => item.time)).toEqual([expected, expected]);
      }),
      { numRuns: 300 },
    );
    const out = await parseBytes(twitterAdapter, encode(JSON.stringify({ data: [{ id: '1', text: 'x', created_at: '2026-02-30T06:14:03.000Z' }, { id: '2', text: 'y', created_at: '2026-09-18T06:14:03' }] })));
    expect(items(out).map((item) => item.time)).toEqual([null, null]);
    expect(diagnostics(out).filter((d) => d.ruleId === 'twitter/invalid-date').map((d) => d.location)).toEqual(['#/data/0', '#/data/1']);
  });
});

describe('Mastodon statuses', () => {
  const read = async (): Promise<Output> => parseBytes(mastodonAdapter, fixtureBytes('mastodon-account-statuses.json'));

  it('reads a boost as the boosted status, forwarded from its author, at the time of the boost', async () => {
    const boost = items(await read()).find((item) => item.forwardedFrom !== null);
    expect(boost?.forwardedFrom).toBe('@mjrivas@periodismo.example');
    expect(boost?.text).toMatch(/^Ojo: el video que circula/);
    expect(boost?.media.map((m) => m.kind)).toEqual(['photo']);
    expect(boost?.time).toBe('2026-09-18T06:45:00Z');
    expect(boost?.extra['originalTime']).toBe('2026-09-18T06:31:09Z');
  });

  it('keeps who wrote a followers-only or direct status out of every field but the text', async () => {
    const out = await read();
    const hidden = items(out).filter((item) => item.author?.pseudonymous === true);
    expect(hidden.map((item) => item.extra['visibility'])).toEqual(['direct', 'private']);
    for (const item of hidden) {
      const { text: _text, ...fields } = item;
      expect(JSON.stringify(fields)).not.toMatch(/vecina_apure|radiofrontera|Carmen/);
      expect(item.url).toBeNull();
    }
    expect(diagnostics(out).filter((d) => d.ruleId === 'mastodon/non-public-status').map((d) => d.location)).toEqual(['#/2', '#/3']);
  });

  it('turns HTML into text: hidden parts of links shown, paragraphs kept, entities decoded, right-to-left text untouched', async () => {
    const all = items(await read());
    const first = all.find((item) => item.extra['poll'] !== undefined);
    expect(first?.text).toBe(
      'URGENTE: fuertes explosiones en #Guasdualito, Apure, cerca de las 2:10 a. m. Vecinos reportan humo & cortes de luz.\n\nNota completa: https://radiofrontera.example/2026/09/18/explosiones-guasdualito\n\nCc @mjrivas',
    );
    expect(all.find((item) => item.declaredLanguage === 'ar')?.text).toBe('عاجل: انفجارات في غواسدواليتو، فنزويلا 💥🇻🇪 :ablobcatrave:\n\nTraducción: explosiones en Guasdualito');
  });

  it("links a reply in the author's own thread to its parent, and keeps other parents' local ids", async () => {
    const all = items(await read());
    const reply = all.find((item) => item.replyTo !== null);
    expect(all.some((item) => item.externalId === reply?.replyTo)).toBe(true);
    const toOther = all.find((item) => item.extra['inReplyToId'] === '113205555000000001');
    expect(toOther?.replyTo).toBeNull();
  });
});

describe('tables', () => {
  const read = async (text: string | Uint8Array, options: Parameters<typeof parseBytes>[2] = {}): Promise<Output> =>
    parseBytes(tableAdapter, typeof text === 'string' ? encode(text) : text, { file: 'tabla.csv', ...options });

  it('reads a 10 MB field, quoted with quotes and line breaks in it, in CSV and in JSON Lines', async () => {
    // 10 MB with a quoted phrase and a line break on every line, as a long document pasted into a cell.
    const big = `${'Se escucharon "tres explosiones" cerca del fuerte, según vecinos de la zona.\n'.repeat(138_000)}fin`;
    const csv = `id,text\n1,"${big.replaceAll('"', '""')}"\n2,después\n`;
    const fromCsv = items(await read(csv));
    expect(fromCsv.map((item) => item.text.length)).toEqual([big.length, 'después'.length]);
    expect(fromCsv[0]?.text === big).toBe(true);
    expect(fromCsv[1]?.origin.location).toBe('row 2 (line 138003)');
    const jsonl = `${JSON.stringify({ id: 1, text: big })}\n${JSON.stringify({ id: 2, text: 'después' })}\n`;
    const fromLines = items(await read(jsonl, { file: 'tabla.jsonl' }));
    expect(fromLines.map((item) => item.text.length)).toEqual([big.length, 'después'.length]);
  });

  it('streams: the first rows come out when a small part of a large file has been read', async () => {
    const row = (i: number): string => `${i},2026-09-18T06:14:03Z,fuente${i % 7},"Reporte número ${i}, con ""comillas"""\n`;
    let pulled = 0;
    async function* rows(): AsyncGenerator<Uint8Array> {
      yield encode('id,time,author,text\n');
      for (let i = 1; i <= 50_000; i += 100) {
        pulled += 100;
        yield await Promise.resolve(encode(Array.from({ length: 100 }, (_, k) => row(i + k)).join('')));
      }
    }
    let firstAt = -1;
    let count = 0;
    for await (const record of tableAdapter.parse({ stream: rows(), file: 'big.csv', sha256: null, timezone: 'UTC', pseudonymizer: { pseudonym: (k, v) => `${k}:${v}` }, baseDir: null })) {
      if (isDiagnostic(record)) continue;
      if (firstAt === -1) firstAt = pulled;
      count++;
    }
    expect(count).toBe(50_000);
    expect(firstAt).toBeLessThan(5_000);
  });

  it('holds rows with ambiguous dates for a row that decides, and no more than 10 000 of them', async () => {
    const ambiguous = Array.from({ length: 10_001 }, (_, i) => `05/09/2026 10:00,fila ${i}`).join('\n');
    const out = await read(`fecha,texto\n${ambiguous}\n09/13/2026 10:00,decide\n`);
    const order = diagnostics(out).find((d) => d.ruleId === 'table/date-order');
    expect(order?.message).toContain('ambiguous in the first 10000 rows; they are read day first');
    expect(items(out)[0]?.time).toBe('2026-09-05T14:00:00Z');
    expect(diagnostics(out).filter((d) => d.ruleId === 'table/invalid-time').map((d) => d.location)).toEqual(['row 10002 (line 10003)']);
  });

  it('with the file on disk, reads the whole time column when the held rows run out', async () => {
    const ambiguous = Array.from({ length: 10_001 }, (_, i) => `05/09/2026 10:00,fila ${i}`).join('\n');
    const text = `fecha,texto\n${ambiguous}\n09/13/2026 10:00,decide\n`;
    const path = join(temp, 'fechas.csv');
    writeFileSync(path, text);
    const out = await read(text, { path });
    expect(diagnostics(out).find((d) => d.ruleId === 'table/date-order')?.message).toBe(
      'numeric dates are read month first (mm/dd/yyyy), as row 10002 has "09/13/2026 10:00" (found by reading the whole column)',
    );
    expect(items(out)[0]?.time).toBe('2026-05-09T14:00:00Z');
    expect(items(out).length).toBe(10_002);
  });

  it('reports bytes that are not UTF-8 after the first 64 KiB once, at their row, and reads on', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `${i},texto de la fila ${i} con ñ y acentos: áéíóú`).join('\n');
    const bytes = Buffer.concat([encode(`id,text\n${rows}\n`), Buffer.from('2000,mal \xff byte\n2001,bien\n', 'latin1')]);
    const out = await read(bytes, { chunkSizes: [4093] });
    expect(diagnostics(out).map((d) => [d.ruleId, d.location])).toEqual([
      ['table/columns', ''],
      ['table/invalid-utf8', 'row 2001 (line 2002)'],
    ]);
    expect(items(out).length).toBe(2002);
    expect(items(out)[2000]?.text).toBe('mal \uFFFD byte');
    expect(items(out)[2001]?.origin.offset).toBeNull();
    expect(items(out)[1999]?.origin.offset).not.toBeNull();
  });

  it('follows a column map by name or number, and says what is wrong with it', async () => {
    const out = await read('cuando;usuario;cuerpo_del_mensaje\n2026-09-18T06:00:00Z;@a;hola\n', { columnMap: { text: '3', time: 'cuando', color: 'rojo', url: 'enlace' } });
    expect(diagnostics(out).map((d) => [d.ruleId, d.severity])).toEqual([
      ['table/unknown-field', 'warning'],
      ['table/missing-column', 'warning'],
      ['table/columns', 'info'],
    ]);
    expect(diagnostics(out)[2]?.message).toBe(
      'separator ";"; columns: text="cuerpo_del_mensaje" (from the map), time="cuando" (from the map), author="usuario" (guessed). Give --map field=column to change',
    );
    expect(items(out).map((item) => [item.text, item.time, item.author?.name])).toEqual([['hola', '2026-09-18T06:00:00Z', '@a']]);
  });

  it('pseudonymises authors that are phone numbers and keeps handles', async () => {
    const out = await read('author,text\n+58 (412) 555-0199,vi el humo\n@vecinos,yo también\n0412.555.0199,y yo\n');
    expect(items(out).map((item) => item.author?.pseudonymous)).toEqual([true, false, true]);
    expect(JSON.stringify(out)).not.toMatch(/555-0199|555\.0199|\(412\)|5550199/);
    expect(items(out).map((item) => item.author?.name?.startsWith('persona-'))).toEqual([true, false, true]);
  });

  it('reads the times tables hold', () => {
    const zone = 'America/Caracas';
    const iso = (value: unknown, order: 'day-first' | 'month-first' | null = null): string | null => {
      const read = readTableTime(value, zone, order);
      return read.kind === 'instant' ? read.iso : read.kind;
    };
    expect(iso('2026-09-18T02:14:03-04:00')).toBe('2026-09-18T06:14:03Z');
    expect(iso('2026-09-18 06:14:03+00:00')).toBe('2026-09-18T06:14:03Z');
    expect(iso('2026-09-18 02:14 UTC')).toBe('2026-09-18T02:14:00Z');
    expect(iso('2026-09-18T02:14:03.250Z')).toBe('2026-09-18T02:14:03.250Z');
    expect(iso('2026-09-18')).toBe('2026-09-18T04:00:00Z');
    expect(iso(1789712040)).toBe('2026-09-18T06:14:00Z');
    expect(iso('1789712040')).toBe('2026-09-18T06:14:00Z');
    expect(iso('1789712040123')).toBe('2026-09-18T06:14:00.123Z');
    expect(iso('Fri Sep 18 06:14:03 +0000 2026')).toBe('2026-09-18T06:14:03Z');
    expect(iso('18/09/2026 02:14')).toBe('2026-09-18T06:14:00Z');
    expect(iso('18.09.2026 2:14 p. m.')).toBe('2026-09-18T18:14:00Z');
    expect(iso('05/09/2026 12:00 AM', 'month-first')).toBe('2026-05-09T04:00:00Z');
    expect(iso('05/09/2026')).toBe('ambiguous');
    expect(iso('05/05/2026')).toBe('2026-05-05T04:00:00Z');
    expect(iso('2026/09/18 02:14')).toBe('2026-09-18T06:14:00Z');
    for (const bad of ['31/02/2026', '13/13/2026', 'ayer', '2026', '13:00', '2026-09-18T25:00:00Z', 12, true]) expect(iso(bad), String(bad)).toBe('invalid');
    // A local time the clocks skipped does not exist.
    const gap = readTableTime('2026-03-08 02:30', 'America/New_York', null);
    expect(gap.kind).toBe('invalid');
  });

  it('does not take a chat export that starts with dates and commas for a table', () => {
    const whatsapp = encode('18/09/26, 2:14 - Los mensajes y las llamadas están cifrados de extremo a extremo.\n18/09/26, 2:16 - +58 412 5550199: Se escucharon tres explosiones\n');
    expect(detectTable(whatsapp, 'Chat de WhatsApp con Vecinos.txt')).toBeLessThan(0.5);
    expect(detectTable(encode('fecha;usuario;texto\n'), 'x.bin')).toBeGreaterThanOrEqual(0.5);
    expect(detectTable(encode('{"a": 1}\n{"a": 2}\n'), 'x.bin')).toBeGreaterThanOrEqual(0.5);
  });
});

describe('CSV reader', () => {
  const readAll = (pieces: readonly string[]): { fields: readonly string[]; line: number; offset: number; length: number }[] => {
    const reader = new CsvReader({ maxFieldLength: 1 << 20, measure: (text) => Buffer.byteLength(text, 'utf8') });
    const out = pieces.flatMap((piece) => reader.push(piece));
    out.push(...reader.end());
    return out.map(({ fields, line, offset, length }) => ({ fields, line, offset, length }));
  };

  it('reads CRLF, LF and CR line ends, quotes, doubled quotes and line breaks in quotes, however the text is cut', () => {
    const text = 'a,b\r\n"x, ""y""","1\r\n2"\rp,q\n\nr,"s"t\r\n';
    const expected = [
      { fields: ['a', 'b'], line: 1, offset: 0, length: 3 },
      { fields: ['x, "y"', '1\r\n2'], line: 2, offset: 5, length: 17 },
      { fields: ['p', 'q'], line: 4, offset: 23, length: 3 },
      { fields: ['r', 'st'], line: 6, offset: 28, length: 6 },
    ];
    expect(readAll([text])).toEqual(expected);
    for (let cut = 1; cut < text.length; cut++) expect(readAll([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual(expected);
    expect(readAll(text.split(''))).toEqual(expected);
  });

  it('chooses the separator that splits the header most', () => {
    for (const [header, separator] of [['a;b;c', ';'], ['a\tb', '\t'], ['a,b;c,d', ','], ['"a;b",c', ','], ['solo', ',']] as const) {
      const reader = new CsvReader({ maxFieldLength: 100, measure: (text) => text.length });
      reader.push(`${header}\n`);
      expect(reader.separator, header).toBe(separator);
    }
  });
});
