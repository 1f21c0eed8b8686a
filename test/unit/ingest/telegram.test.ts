import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RawItem, isDiagnostic, type Diagnostic } from '../../../src/model/index.js';
import { keyedPseudonymizer, parseTelegram, telegramAdapter } from '../../../src/ingest/index.js';
import { chunked, expectMatchesFile } from '../../helpers/fixtures.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'telegram');
const pseudonymizer = keyedPseudonymizer(new Uint8Array(32));

async function parse(name: string, chunkSize = 65536): Promise<(RawItem | Diagnostic)[]> {
  const bytes = await readFile(join(FIXTURES, name));
  const out: (RawItem | Diagnostic)[] = [];
  for await (const value of parseTelegram({ stream: chunked(bytes, chunkSize), file: name, sha256: null, timezone: 'America/Caracas', pseudonymizer, baseDir: FIXTURES })) {
    out.push(value);
  }
  return out;
}

const items = (out: readonly (RawItem | Diagnostic)[]): RawItem[] => out.filter((x): x is RawItem => !isDiagnostic(x));
const diagnostics = (out: readonly (RawItem | Diagnostic)[]): Diagnostic[] => out.filter(isDiagnostic);
/** Diagnostics as plain records, for comparing and for the expected files. */
const plain = (out: readonly (RawItem | Diagnostic)[]): unknown[] =>
  out.map((x) => (isDiagnostic(x) ? { diagnostic: { ruleId: x.ruleId, severity: x.severity, message: x.message, file: x.file, location: x.location } } : x));

const FIXTURE_FILES = [
  'single-channel.json',
  'full-account.json',
  'truncated.json',
  'minified.json',
  'wrong-types.json',
  'chat-id-after-messages.json',
  'not-an-export.json',
  'other-json.json',
  'bom.json',
  'empty.json',
];

describe('Telegram Desktop export', () => {
  for (const name of FIXTURE_FILES) {
    it(`${name} gives the expected items and diagnostics`, async () => {
      const out = await parse(name);
      for (const item of items(out)) expect(() => RawItem.parse(item)).not.toThrow();
      await expectMatchesFile(plain(out), join(FIXTURES, name.replace(/\.json$/, '.expected.jsonl')));
    });

    it(`${name} gives the same output however the bytes are chunked`, async () => {
      const whole = plain(await parse(name, 1 << 20));
      expect(plain(await parse(name, 1))).toEqual(whole);
      expect(plain(await parse(name, 7))).toEqual(whole);
      expect(plain(await parse(name, 4096))).toEqual(whole);
    });
  }

  it('reads `text` lists into plain text and keeps links, hashtags and mentions — but not phone numbers', async () => {
    const [, , urgent] = items(await parse('single-channel.json'));
    expect(urgent?.text).toBe('URGENTE: vecinos envían esta foto de la columna de humo #Apure más info aquí vía @alertallanera — contacto +58 412 555 0199');
    expect(urgent?.extra['entities']).toEqual([
      { type: 'hashtag', text: '#Apure' },
      { type: 'text_link', text: 'aquí', href: 'https://apurealdia.example/nota/123' },
      { type: 'mention', text: '@alertallanera' },
      { type: 'phone', text: 'redacted' },
    ]);
  });

  it('takes the instant from date_unixtime, not the local `date`', async () => {
    const [, report] = items(await parse('single-channel.json'));
    // date "2026-09-18T02:14:09" is Caracas time (UTC−4); the instant is 06:14:09Z.
    expect(report?.time).toBe('2026-09-18T06:14:09Z');
  });

  it('keeps edits, forwards, replies, media, places and polls', async () => {
    const list = items(await parse('single-channel.json'));
    const byId = new Map(list.map((i) => [i.externalId, i]));
    expect(byId.get('telegram:1987654321/3')).toMatchObject({ editedTime: '2026-09-18T06:50:02Z', media: [{ kind: 'photo', status: 'pending', width: 64, height: 48 }] });
    expect(byId.get('telegram:1987654321/4')).toMatchObject({
      forwardedFrom: 'Alerta Llanera',
      replyTo: 'telegram:1987654321/2',
      media: [{ kind: 'photo', status: 'not-included' }],
      extra: { forwardedFromId: 'channel1555000111' },
    });
    expect(byId.get('telegram:1987654321/5')?.media).toEqual([
      { kind: 'video', ref: 'files/video_1@18-09-2026_06-35-00.mp4', status: 'pending', sha256: null, mediaType: 'video/mp4', bytes: 16, width: 720, height: 1280 },
    ]);
    expect(byId.get('telegram:1987654321/6')?.geo).toEqual({ lat: 7.186543, lon: -70.651234 });
    expect(byId.get('telegram:1987654321/7')).toMatchObject({ text: '¿Escucharon la explosión anoche?', extra: { poll: { totalVoters: 57 } } });
    expect(byId.get('telegram:1987654321/9')).toMatchObject({ kind: 'service', extra: { action: 'pin_message', message_id: 3 } });
  });

  it('marks every kind of media the export left out as not included, not as a missing file', async () => {
    const placeholders = [
      '(File not included. Change data exporting settings to download.)',
      '(File exceeds maximum size. Change data exporting settings to download.)',
      '(File unavailable, please try again later)',
    ];
    const messages = placeholders.map((ref, i) => ({ id: i + 1, type: 'message', date: '2026-09-18T02:00:00', date_unixtime: String(1789711200 + i), from: 'X', from_id: 'channel1', file: ref, text: 'adjunto' }));
    const bytes = Buffer.from(JSON.stringify({ name: 'X', type: 'public_channel', id: 1, messages }));
    const out: (RawItem | Diagnostic)[] = [];
    for await (const value of parseTelegram({ stream: chunked(bytes, 64), file: 'x.json', sha256: null, timezone: 'America/Caracas', pseudonymizer, baseDir: FIXTURES })) out.push(value);
    expect(diagnostics(out)).toEqual([]);
    expect(items(out).map((i) => i.media.map((m) => m.status))).toEqual([['not-included'], ['not-included'], ['not-included']]);
  });

  it('reads every chat of a full-account export, and nothing of the personal sections', async () => {
    const out = await parse('full-account.json');
    const text = JSON.stringify(plain(out));
    expect(items(out).map((i) => i.channel.name)).toEqual([
      'Border Watch OSINT',
      'Border Watch OSINT',
      'Vecinos del sector',
      'Vecinos del sector',
      'Vecinos del sector',
      'Vecinos del sector',
      'Noticias viejas',
    ]);
    for (const secret of ['+58 414 555 0100', '+58 416 555 0123', '+58 424 555 0177', 'Exportadora', 'Vecina']) expect(text).not.toContain(secret);
    expect(diagnostics(out).map((d) => [d.ruleId, d.location])).toEqual([['telegram/empty-chat', '#/chats/list/2']]);
  });

  it('puts private persons only under pseudonyms, stable within a workspace', async () => {
    const group = items(await parse('full-account.json')).filter((i) => i.channel.name === 'Vecinos del sector');
    const text = JSON.stringify(group);
    for (const name of ['María', 'José', 'Pedro', 'user5550001234', 'user5550005678', 'user5550004321']) expect(text).not.toContain(name.includes('user') ? name : `"${name}`);
    expect(group.every((i) => i.author?.pseudonymous === true && i.author.id?.startsWith('persona-') === true)).toBe(true);
    expect(group[0]?.author?.id).toBe(group[2]?.author?.id); // María invited, then wrote
    expect(group[1]?.author?.id).not.toBe(group[2]?.author?.id);
    expect(group[2]?.forwardedFrom).toMatch(/^persona-/);
    expect(group[2]?.extra['contact']).toBe('redacted');
    const other = keyedPseudonymizer(new Uint8Array(32).fill(1)).pseudonym('telegram-user', 'user5550001234');
    expect(group[0]?.author?.id).not.toBe(other);
  });

  it('gives the same id to a message however it is exported', async () => {
    const pretty = items(await parse('single-channel.json'));
    const minified = items(await parse('minified.json'));
    expect(minified.map((i) => i.id)).toEqual(pretty.map((i) => i.id));
  });

  it('lands the good messages of a damaged file, with one diagnostic per bad record', async () => {
    const out = await parse('wrong-types.json');
    expect(items(out).map((i) => i.externalId)).toEqual([
      'telegram:1555000111/13',
      'telegram:1555000111/14',
      'telegram:1555000111/15',
      'telegram:1555000111/17',
    ]);
    const rules = diagnostics(out).map((d) => `${d.location} ${d.ruleId}`);
    expect(rules).toContain('#/messages/0 telegram/invalid-id');
    expect(rules).toContain('#/messages/1 telegram/invalid-date');
    expect(rules).toContain('#/messages/1 telegram/invalid-text');
    expect(rules).toContain('#/messages/1 telegram/invalid-geo');
    expect(rules).toContain('#/messages/1 telegram/invalid-poll');
    expect(rules).toContain('#/messages/1 telegram/invalid-reply');
    expect(rules).toContain('#/messages/3 telegram/not-a-message');
    expect(rules).toContain('#/messages/5 telegram/malformed-json');
  });

  it('reports a truncated export once, after the messages before the cut', async () => {
    const out = await parse('truncated.json');
    expect(items(out)).toHaveLength(4);
    expect(diagnostics(out).map((d) => [d.ruleId, d.location])).toEqual([
      ['telegram/truncated', '#/messages/4'],
      ['telegram/truncated', '#/messages'],
    ]);
  });

  it('says clearly when a file is not an export', async () => {
    for (const name of ['not-an-export.json', 'other-json.json', 'empty.json']) {
      const out = await parse(name);
      expect(items(out)).toEqual([]);
      expect(diagnostics(out).map((d) => d.ruleId)).toContain('telegram/not-an-export');
    }
  });

  it('detects exports by content, whatever the file is called', async () => {
    const single = await readFile(join(FIXTURES, 'single-channel.json'));
    const full = await readFile(join(FIXTURES, 'full-account.json'));
    expect(telegramAdapter.detect(single.subarray(0, 4096), 'export.txt')).toBeGreaterThanOrEqual(0.8);
    expect(telegramAdapter.detect(full.subarray(0, 4096), 'data')).toBeGreaterThanOrEqual(0.5);
    expect(telegramAdapter.detect(Buffer.from('<rss version="2.0">'), 'result.json')).toBe(0);
    expect(telegramAdapter.detect(Buffer.from('{"name": "x", "version": 1}'), 'result.json')).toBeLessThan(0.5);
  });
});
