/**
 * The social adapters (X/Twitter, Mastodon, tables) under fuzzing: whatever bytes arrive, however
 * they are cut, they yield valid RawItems and diagnostics of their format and never throw; a
 * well-formed file reads back as written, and one bad record costs exactly one diagnostic, with
 * its place in the file, while every other record lands.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IngestAdapter } from '../../src/ingest/index.js';
import { mastodonAdapter, tableAdapter, twitterAdapter } from '../../src/ingest/social/index.js';
import { isDiagnostic, type Diagnostic, type RawItem } from '../../src/model/index.js';
import { fixtureBytes, fixtureNames, parseBytes } from '../fixtures/social/harness.js';
import { expectContract, itemsOf, type Contract } from '../helpers/contract.js';
import { arbitraryChunking, arbitraryDamage, chunkSizes, damaged, encode, type Chunking } from '../helpers/fuzz.js';

const FILE = 'fuentes/fuzz';
type Output = (RawItem | Diagnostic)[];
const diagnosticsOf = (out: Output): Diagnostic[] => out.filter(isDiagnostic);

const chunking: fc.Arbitrary<Chunking> = arbitraryChunking({ maxCut: 8000, maxCuts: 10 });

async function read(adapter: IngestAdapter, bytes: Uint8Array, how?: Chunking, file = FILE): Promise<Output> {
  return parseBytes(adapter, bytes, how === undefined ? { file } : { file, chunkSizes: chunkSizes(bytes.length, how) });
}

const contract = (format: string, file = FILE): Contract => ({ format, file, originFile: true, messages: true });

/** Strip what is only JSON: the branded diagnostics compare as plain records. */
const plain = (out: Output): unknown[] => out.map((x) => (isDiagnostic(x) ? { ...x } : x));

const ADAPTERS = [
  { adapter: twitterAdapter, prefix: 'twitter-' },
  { adapter: mastodonAdapter, prefix: 'mastodon-' },
  { adapter: tableAdapter, prefix: 'table-' },
] as const;

// Tokens of the formats and of what goes wrong with them, strung together at random.
const JSON_TOKENS = [
  '{', '}', '[', ']', '"', '\\', ',', ':', '\n', '\r\n', ' ', 'null', 'true', '0', '-1', '1e400', '"id"', '"text"', '"data"', '"includes"',
  '"users"', '"errors"', '"meta"', '"content"', '"account"', '"uri"', '"reblog"', '"visibility":"private"', '"id":"123"', '"author_id":"9"',
  '"created_at":"2026-09-18T06:14:03.000Z"', '"created_at":"31/02"', '"protected":true', '"\\ud83d"', '"💥"', '"خبر"', '\uFEFF', '\u0000',
];
const CSV_TOKENS = ['id', 'text', 'time', 'author', ',', ';', '\t', '"', '""', '\n', '\r', '\r\n', '2026-09-18T06:14:03Z', '18/09/2026 02:14', '05/09/2026', '1789712040', '+58 412 555 0199', '{', '}', 'ñ', '💥', '\uFEFF', ' '];
const soup = (tokens: readonly string[]): fc.Arbitrary<Uint8Array> =>
  fc.array(fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 6 })), { maxLength: 80 }).map((parts) => encode(parts.join('')));

describe.each(ADAPTERS)('$prefix adapter under fuzzing', ({ adapter, prefix }) => {
  const fixtures = fixtureNames()
    .filter((name) => name.startsWith(prefix))
    .map((name) => Buffer.from(fixtureBytes(name)));
  const format = adapter.format;

  it('never throws on arbitrary bytes or token soup; every output keeps the contract and ignores chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 2048 }), soup(JSON_TOKENS), soup(CSV_TOKENS)), chunking, async (bytes, how) => {
        const whole = await read(adapter, bytes);
        expectContract(whole, contract(format));
        expect(plain(await read(adapter, bytes, how))).toEqual(plain(whole));
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on damaged files: truncated, bytes flipped, tokens thrown in; output independent of chunking', async () => {
    const damage = arbitraryDamage(fixtures.length, [...JSON_TOKENS, ...CSV_TOKENS], { maxFlips: 6, maxInserts: 5 });
    await fc.assert(
      fc.asyncProperty(damage, chunking, async (done, how) => {
        const bytes = damaged(fixtures[done.fixture] as Buffer, done);
        const whole = await read(adapter, bytes);
        expectContract(whole, contract(format));
        expect(plain(await read(adapter, bytes, how))).toEqual(plain(whole));
      }),
      { numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Well-formed files built from generated posts.

const FRAGMENTS = ['Explosión en Guasdualito', 'انفجار', 'שריפה', '🚨', '👨‍👩‍👧', '🇻🇪', '\u200f', '"', "'", ',', ';', '\t', '\n', '\r\n', '\r', '<', '>', 'a < b', '\\', '}', '{', ' '];
const prose = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((parts) => parts.join('')),
  )
  // A post always has some text: rows without any are skipped by design (tested in the unit tests).
  .map((text) => `${text}.`);

describe('X/Twitter responses built from generated tweets', () => {
  const user = fc.record({ id: fc.integer({ min: 1, max: 50 }).map(String), protected: fc.boolean() });
  const tweet = fc.record({ text: prose.map((t) => t.replaceAll('&', 'y')), author: fc.integer({ min: 0, max: 4 }) });
  const layout = fc.constantFrom('page', 'pretty-page', 'includes-first', 'lines', 'bare');

  it('reads back every tweet as written; protected authors pseudonymised; one bad tweet, one diagnostic', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(tweet, { minLength: 1, maxLength: 25 }),
        fc.uniqueArray(user, { minLength: 5, maxLength: 5, selector: (u) => u.id }),
        layout,
        fc.option(fc.nat(), { nil: undefined }),
        chunking,
        async (tweets, users, how, badAt, cut) => {
          const data: unknown[] = tweets.map((t, i) => ({
            id: String(2100830691259318273n + BigInt(i)),
            text: t.text,
            author_id: users[t.author]?.id,
            created_at: '2026-09-18T06:14:03.000Z',
            edit_history_tweet_ids: [String(2100830691259318273n + BigInt(i))],
          }));
          const bad = badAt === undefined ? -1 : badAt % data.length;
          if (bad !== -1) data[bad] = { id: 'not-digits', text: 'x' };
          const includes = { users: users.map((u) => ({ id: u.id, username: `u${u.id}`, name: `User ${u.id}`, protected: u.protected })) };
          const pages = how === 'lines' ? [data.slice(0, Math.ceil(data.length / 2)), data.slice(Math.ceil(data.length / 2))].filter((p) => p.length > 0) : [data];
          let text: string;
          if (how === 'bare') text = JSON.stringify(data, null, 1);
          else if (how === 'lines') text = pages.map((p) => JSON.stringify({ data: p, includes })).join('\n');
          else if (how === 'includes-first') text = JSON.stringify({ includes, data }, null, '\t');
          else text = JSON.stringify({ data, includes, meta: { result_count: data.length } }, null, how === 'pretty-page' ? 2 : undefined);
          const bytes = encode(text);
          const out = await read(twitterAdapter, bytes, cut);
          expectContract(out, contract('twitter'));
          const expected = tweets.map((t, i) => ({ t, i })).filter(({ i }) => i !== bad);
          const got = itemsOf(out);
          expect(got.map((item) => item.text)).toEqual(expected.map(({ t }) => t.text));
          expect(got.map((item) => item.externalId)).toEqual(expected.map(({ i }) => `twitter:${String(2100830691259318273n + BigInt(i))}`));
          expect(got.map((item) => item.author?.pseudonymous)).toEqual(expected.map(({ t }) => how === 'bare' || users[t.author]?.protected === true));
          const errors = diagnosticsOf(out).filter((d) => d.severity !== 'info');
          if (bad === -1) expect(errors).toEqual([]);
          else {
            expect(errors.map((d) => d.ruleId)).toEqual(['twitter/invalid-tweet']);
            const page = how === 'lines' ? (bad < (pages[0]?.length ?? 0) ? 0 : 1) : 0;
            const index = how === 'lines' && page === 1 ? bad - (pages[0]?.length ?? 0) : bad;
            const pointer = how === 'bare' ? `#/${index}` : `#/data/${index}`;
            expect(errors[0]?.location).toBe(page === 0 ? pointer : `line 2 ${pointer}`);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('Mastodon statuses built from generated posts', () => {
  const WORDS = ['Explosión', 'en', 'Guasdualito', 'انفجار', 'في', 'שריפה', '🚨', '👨‍👩‍👧', '🇻🇪', '#Apure', 'a&b', '1<2', '"citado"', "l'eau"];
  const status = fc.record({
    words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }),
    visibility: fc.constantFrom('public', 'unlisted', 'private', 'direct'),
    account: fc.integer({ min: 0, max: 3 }),
  });
  const escape = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

  it('reads back every status; non-public authors pseudonymised with one warning each; one bad status, one diagnostic', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(status, { minLength: 1, maxLength: 20 }), fc.boolean(), fc.option(fc.nat(), { nil: undefined }), chunking, async (statuses, lines, badAt, cut) => {
        const values: unknown[] = statuses.map((s, i) => ({
          id: String(117290591846400000 + i * 1000),
          created_at: '2026-09-18T06:20:00.000Z',
          visibility: s.visibility,
          uri: `https://llanos.example/users/u${s.account}/statuses/${117290591846400000 + i * 1000}`,
          url: `https://llanos.example/@u${s.account}/${117290591846400000 + i * 1000}`,
          content: `<p>${escape(s.words.join(' '))}</p>`,
          account: { id: String(s.account), username: `u${s.account}`, acct: `u${s.account}`, display_name: `U ${s.account}`, url: `https://llanos.example/@u${s.account}` },
          media_attachments: [],
        }));
        const bad = badAt === undefined ? -1 : badAt % values.length;
        if (bad !== -1) values[bad] = { id: '5', content: '<p>sin cuenta</p>', uri: 'https://x.example/5' };
        const text = lines ? values.map((v) => JSON.stringify(v)).join('\n') : JSON.stringify(values, null, 2);
        const out = await read(mastodonAdapter, encode(text), cut);
        expectContract(out, contract('mastodon'));
        const expected = statuses.map((s, i) => ({ s, i })).filter(({ i }) => i !== bad);
        const got = itemsOf(out);
        expect(got.map((item) => item.text)).toEqual(expected.map(({ s }) => s.words.join(' ')));
        const hidden = expected.map(({ s }) => s.visibility === 'private' || s.visibility === 'direct');
        expect(got.map((item) => item.author?.pseudonymous)).toEqual(hidden);
        const problems = diagnosticsOf(out);
        expect(problems.filter((d) => d.ruleId === 'mastodon/non-public-status').length).toBe(hidden.filter(Boolean).length);
        const errors = problems.filter((d) => d.severity === 'error');
        if (bad === -1) expect(errors).toEqual([]);
        else {
          expect(errors.map((d) => d.ruleId)).toEqual(['mastodon/invalid-status']);
          expect(errors[0]?.location).toBe(lines ? `line ${bad + 1}` : `#/${bad}`);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('tables built from generated posts', () => {
  const row = fc.record({ text: prose, author: fc.constantFrom('@RadioFronteraVE', 'mariajrivas', 'Protección Civil', '') });
  const style = fc.record({
    separator: fc.constantFrom(',', ';', '\t'),
    lineEnd: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    quoteAll: fc.boolean(),
    jsonLines: fc.boolean(),
  });

  function csvField(value: string, separator: string, quoteAll: boolean): string {
    const needs = quoteAll || value.includes(separator) || /["\r\n]/.test(value) || value.trim() !== value;
    return needs ? `"${value.replaceAll('"', '""')}"` : value;
  }

  it('reads back every row exactly; one bad row costs one diagnostic at its row and line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 25 }), style, fc.option(fc.nat(), { nil: undefined }), chunking, async (rows, s, badAt, cut) => {
        const bad = badAt === undefined ? -1 : badAt % (rows.length + 1);
        const lines: string[] = [];
        let lineNumber = s.jsonLines ? 1 : 2;
        let badLine = -1;
        rows.forEach((r, i) => {
          if (i === bad) {
            badLine = lineNumber;
            lines.push(s.jsonLines ? '{"id": 1, "text": "cortado' : ['999', 'solo dos'].join(s.separator));
            lineNumber++;
          }
          const cells = { id: String(i + 1), time: `2026-09-18T06:${String(i % 60).padStart(2, '0')}:00Z`, author: r.author, text: r.text };
          const line = s.jsonLines ? JSON.stringify(cells) : [cells.id, cells.time, cells.author, cells.text].map((v) => csvField(v, s.separator, s.quoteAll)).join(s.separator);
          lines.push(line);
          // Line breaks inside quoted text count as lines too: \r\n, \n and a lone \r each once.
          lineNumber += 1 + (s.jsonLines ? 0 : (r.text.match(/\r\n|\r|\n/g) ?? []).length);
        });
        if (bad === rows.length) {
          badLine = lineNumber;
          lines.push(s.jsonLines ? '[1, 2]' : 'sobra');
        }
        const header = s.jsonLines ? [] : [['id', 'time', 'author', 'text'].join(s.separator)];
        const text = (s.bom ? '\uFEFF' : '') + [...header, ...lines].join(s.lineEnd) + s.lineEnd;
        const out = await read(tableAdapter, encode(text), cut, 'fuentes/tabla');
        expectContract(out, contract('table', 'fuentes/tabla'));
        const got = itemsOf(out);
        expect(got.map((item) => item.text)).toEqual(rows.map((r) => r.text));
        expect(got.map((item) => item.author?.name ?? '')).toEqual(rows.map((r) => r.author));
        expect(got.map((item) => item.time)).toEqual(rows.map((_, i) => `2026-09-18T06:${String(i % 60).padStart(2, '0')}:00Z`));
        const problems = diagnosticsOf(out).filter((d) => d.severity !== 'info');
        if (bad === -1) expect(problems).toEqual([]);
        else {
          expect(problems.length).toBe(1);
          expect(problems[0]?.location).toBe(`row ${bad + 1} (line ${badLine})`);
          expect(problems[0]?.severity).toBe('error');
        }
      }),
      { numRuns: 200 },
    );
  });
});
