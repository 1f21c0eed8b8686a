import { describe, expect, it } from 'vitest';
import { feedAdapter } from '../../../src/ingest/feed/index.js';
import { RawItem, isDiagnostic, type Diagnostic } from '../../../src/model/index.js';
import { fixtureBytes, parseFeedBytes } from '../../fixtures/feed/harness.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function rss(items: string, channel = '<title>El Faro de Caracas</title><link>https://elfarodecaracas.example/</link>'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>${channel}\n${items}</channel></rss>\n`;
}

function item(fields: string): string {
  return `<item>${fields}</item>\n`;
}

async function records(text: string | Uint8Array, options: Parameters<typeof parseFeedBytes>[1] = {}): Promise<{ items: RawItem[]; diagnostics: Diagnostic[] }> {
  const out = await parseFeedBytes(typeof text === 'string' ? encode(text) : text, options);
  return {
    items: out.filter((record): record is RawItem => !isDiagnostic(record)),
    diagnostics: out.filter((record): record is Diagnostic => isDiagnostic(record)),
  };
}

describe('feedAdapter.detect', () => {
  const cases: [string, string | Uint8Array, string, number, number][] = [
    ['RSS 2.0', rss(''), 'noticias.txt', 0.9, 1],
    ['Atom 1.0', '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', 'x.bin', 0.9, 1],
    ['prefixed Atom', '<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"/>', 'x', 0.9, 1],
    ['RSS 1.0', '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">', 'x', 0.85, 1],
    ['a comment and a DOCTYPE before <rss>', '<!-- generado --><!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>\n<rss version="0.91">', 'x', 0.9, 1],
    ['RSS after a UTF-8 BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...encode('<rss version="2.0">')]), 'x', 0.9, 1],
    ['RSS in UTF-16', new Uint8Array([0xff, 0xfe, ...Buffer.from('<rss version="2.0">', 'utf16le')]), 'x', 0.9, 1],
    ['an XHTML page', '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', 'feed.xml', 0, 0.1],
    ['a sitemap', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', 'sitemap.xml', 0, 0.1],
    ['JSON', '{"messages": []}', 'feed.rss', 0, 0],
    ['a PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'feed.rss', 0, 0],
    ['an empty head named .rss', '', 'feed.rss', 0.05, 0.2],
    ['a head cut inside a long comment, named .rss', '<?xml version="1.0"?><!-- ' + 'x'.repeat(500), 'feed.rss', 0.2, 0.5],
  ];
  for (const [name, head, fileName, low, high] of cases) {
    it(`${name}: between ${low} and ${high}`, () => {
      const score = feedAdapter.detect(typeof head === 'string' ? encode(head) : head, fileName);
      expect(score).toBeGreaterThanOrEqual(low);
      expect(score).toBeLessThanOrEqual(high);
    });
  }

  it('trusts content over the extension', () => {
    expect(feedAdapter.detect(encode(rss('')), 'export.json')).toBeGreaterThan(feedAdapter.detect(encode('{"a":1}'), 'feed.rss'));
  });
});

describe('feedAdapter.parse: identity', () => {
  const article = item(
    '<title>Explosión en Petare</title><link>https://elfarodecaracas.example/a</link><guid isPermaLink="false">faro-1</guid>' +
      '<pubDate>Thu, 05 Mar 2026 14:30:00 -0400</pubDate><description>Vecinos reportaron una explosión.</description>',
  );

  it('gives the same ids when the same feed is read twice, from a file or a URL', async () => {
    const fromFile = await records(rss(article), { file: 'fuentes/faro.xml' });
    const again = await records(rss(article), { file: 'fuentes/faro.xml' });
    expect(again.items.map((i) => i.id)).toEqual(fromFile.items.map((i) => i.id));
    // The channel is named by the feed's own link, so the same feed fetched by URL is the same channel.
    const fromUrl = await records(rss(article), { file: 'https://elfarodecaracas.example/feed/' });
    expect(fromUrl.items.map((i) => i.id)).toEqual(fromFile.items.map((i) => i.id));
  });

  it('ignores formatting and what is not the article (reindented, other lastBuildDate)', async () => {
    const before = await records(rss(article, '<title>El Faro de Caracas</title><link>https://elfarodecaracas.example/</link><lastBuildDate>Thu, 05 Mar 2026 19:00:00 GMT</lastBuildDate>'));
    const after = await records(
      rss(article.replaceAll('><', '>\n      <'), '<title>El Faro de Caracas</title>\n<link>https://elfarodecaracas.example/</link><lastBuildDate>Fri, 06 Mar 2026 08:00:00 GMT</lastBuildDate>'),
    );
    expect(after.items[0]?.id).toBe(before.items[0]?.id);
  });

  it('gives a new id, same externalId, when the article is corrected', async () => {
    const original = await records(rss(article));
    const corrected = await records(rss(article.replace('una explosión', 'dos explosiones')));
    expect(corrected.items[0]?.externalId).toBe(original.items[0]?.externalId);
    expect(corrected.items[0]?.id).not.toBe(original.items[0]?.id);
  });

  it('names an item with no guid, id or link by its title and time', async () => {
    const feed = rss(item('<title>Sin enlace</title><pubDate>Thu, 05 Mar 2026 14:30:00 GMT</pubDate>'));
    const first = await records(feed);
    const second = await records(feed);
    expect(first.items[0]?.externalId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(second.items[0]?.externalId).toBe(first.items[0]?.externalId);
  });
});

describe('feedAdapter.parse: times and the case timezone', () => {
  it('applies the case timezone only to dates without an offset', async () => {
    const feed = rss(
      item('<title>con desfase</title><guid>a</guid><pubDate>Thu, 05 Mar 2026 14:30:00 -0400</pubDate>') +
        item('<title>sin desfase</title><guid>b</guid><pubDate>2026-03-05 14:30:00</pubDate>'),
    );
    const caracas = await records(feed, { timezone: 'America/Caracas' });
    const madrid = await records(feed, { timezone: 'Europe/Madrid' });
    expect(caracas.items.map((i) => i.time)).toEqual(['2026-03-05T18:30:00Z', '2026-03-05T18:30:00Z']);
    expect(madrid.items.map((i) => i.time)).toEqual(['2026-03-05T18:30:00Z', '2026-03-05T13:30:00Z']);
    expect(madrid.diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'feed/date-without-offset', severity: 'info', message: expect.stringContaining('Europe/Madrid') as string }),
    ]);
  });

  it('reports an unusable case timezone once and reads such dates as UTC', async () => {
    const { items, diagnostics } = await records(rss(item('<title>x</title><pubDate>2026-03-05 14:30</pubDate>')), { timezone: 'Caracas' });
    expect(diagnostics[0]).toMatchObject({ ruleId: 'feed/invalid-timezone', severity: 'error' });
    expect(items[0]?.time).toBe('2026-03-05T14:30:00Z');
  });

  it('keeps Atom updated as editedTime only when it differs from published', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>x</title>
      <entry><id>urn:1</id><title>a</title><published>2026-03-05T10:00:00Z</published><updated>2026-03-05T10:00:00Z</updated></entry>
      <entry><id>urn:2</id><title>b</title><published>2026-03-05T10:00:00Z</published><updated>2026-03-05T12:00:00-04:00</updated></entry>
    </feed>`;
    const { items } = await records(atom);
    expect(items.map((i) => [i.time, i.editedTime])).toEqual([
      ['2026-03-05T10:00:00Z', null],
      ['2026-03-05T10:00:00Z', '2026-03-05T16:00:00Z'],
    ]);
  });
});

describe('feedAdapter.parse: bad input never throws', () => {
  const bad: [string, string | Uint8Array, string][] = [
    ['empty input', '', 'feed/empty-file'],
    ['only whitespace', '  \n\t ', 'feed/empty-file'],
    ['plain text', 'Esto no es un feed.', 'feed/not-xml'],
    ['JSON', '{"items": []}', 'feed/not-xml'],
    // The root decides before the unquoted attribute would: the clearer message wins.
    ['HTML that is not XML', '<!DOCTYPE html><html><head><meta charset=utf-8></head></html>', 'feed/not-a-feed'],
    ['a broken start', '<rss><channel><item <title>x</title></item></channel></rss>', 'feed/malformed-xml'],
    ['a sitemap', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/</loc></url></urlset>', 'feed/not-a-feed'],
    ['Atom 0.3', '<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>x</title></feed>', 'feed/not-a-feed'],
    ['a lone XML declaration', '<?xml version="1.0"?>', 'feed/truncated'],
    ['two roots', '<rss><channel></channel></rss><rss>', 'feed/trailing-content'],
    ['a NUL byte', `<rss><channel><item><title>a\u0000b</title></item></channel></rss>`, 'feed/malformed-xml'],
    ['an unclosed CDATA', '<rss><channel><item><description><![CDATA[abc', 'feed/truncated'],
  ];
  for (const [name, input, ruleId] of bad) {
    it(`${name}: ${ruleId}`, async () => {
      const { items, diagnostics } = await records(input);
      expect(items).toEqual([]);
      expect(diagnostics.map((d) => d.ruleId)).toContain(ruleId);
    });
  }

  it('reports one diagnostic for a truncated file, not one per open element', async () => {
    const text = rss(item('<title>a</title><guid>1</guid>') + item('<title>b</title><guid>2</guid>'));
    const cut = text.slice(0, text.indexOf('<guid>2'));
    const { items, diagnostics } = await records(cut);
    expect(items.map((i) => i.title)).toEqual(['a']);
    const problems = diagnostics.filter((d) => d.severity !== 'info');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ ruleId: 'feed/truncated', severity: 'error', message: expect.stringContaining('The 1 item before it was read') as string });
  });

  it('stops reading the stream after a fatal error', async () => {
    let pulled = 0;
    async function* stream(): AsyncGenerator<Uint8Array> {
      yield await Promise.resolve(encode('<rss><channel><item><title>a</title></item><item><title>b<</title>'));
      for (;;) {
        pulled++;
        yield await Promise.resolve(encode('<item><title>más</title></item>'));
      }
    }
    const out: (RawItem | Diagnostic)[] = [];
    for await (const record of feedAdapter.parse({ stream: stream(), file: 'x', sha256: null, timezone: 'UTC', pseudonymizer: { pseudonym: (_k, v) => v }, baseDir: null })) {
      out.push(record);
    }
    expect(out.filter((record) => !isDiagnostic(record))).toHaveLength(1);
    expect(out.at(-1)).toMatchObject({ ruleId: 'feed/malformed-xml' });
    expect(pulled).toBe(0);
  });

  it('lets a failing stream fail (an IO error is not bad input)', async () => {
    async function* stream(): AsyncGenerator<Uint8Array> {
      yield await Promise.resolve(encode(rss(item('<title>a</title>')).slice(0, 120)));
      throw new Error('EIO: i/o error, read');
    }
    const reading = (async () => {
      for await (const _ of feedAdapter.parse({ stream: stream(), file: 'x', sha256: null, timezone: 'UTC', pseudonymizer: { pseudonym: (_k, v) => v }, baseDir: null })) {
        // draining
      }
    })();
    await expect(reading).rejects.toThrow('EIO');
  });
});

describe('feedAdapter.parse: sizes and encodings', () => {
  it('reads a 2 MB description in one item, streamed in 64 KiB chunks', async () => {
    const paragraph = `<p>${'Testigos relatan detonaciones y humo sobre el barrio. '.repeat(30)}</p>`;
    const html = paragraph.repeat(Math.ceil((2 * 1024 * 1024) / paragraph.length));
    const feed = rss(item(`<title>Crónica larga</title><guid>larga</guid><description><![CDATA[${html}]]></description>`));
    const { items, diagnostics } = await records(feed, { chunkSizes: [65_536] });
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['feed/missing-date']);
    expect(items).toHaveLength(1);
    expect(items[0]?.text.length).toBeGreaterThan(1_900_000);
    expect(items[0]?.text.split('\n\n')).toHaveLength(Math.ceil((2 * 1024 * 1024) / paragraph.length));
    expect(() => RawItem.parse(items[0])).not.toThrow();
  });

  it('cuts a field longer than 8 Mi characters and says so', async () => {
    const feed = rss(item(`<title>Enorme</title><guid>enorme</guid><description>${'a'.repeat(9 * 1024 * 1024)}</description>`));
    const { items, diagnostics } = await records(feed, { chunkSizes: [1 << 20] });
    expect(items[0]?.text.length).toBe(8 * 1024 * 1024);
    expect(diagnostics.map((d) => d.ruleId)).toContain('feed/oversized-field');
  });

  it('reads windows-1252 as declared (€ is 0x80)', async () => {
    const bytes = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss><channel><item><title>Recompensa de 5000 '),
      Buffer.from([0x80]),
      Buffer.from(' por información</title></item></channel></rss>', 'latin1'),
    ]);
    const { items, diagnostics } = await records(bytes);
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(items[0]?.title).toBe('Recompensa de 5000 € por información');
  });

  it('reads UTF-16 with a byte-order mark', async () => {
    const text = rss(item('<title>Tiroteo en Maracaibo — 3 heridos</title><guid>u16</guid><pubDate>Thu, 05 Mar 2026 14:30:00 GMT</pubDate>')).replace('UTF-8', 'UTF-16');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const { items, diagnostics } = await records(bytes, { chunkSizes: [5] });
    expect(diagnostics).toEqual([]);
    expect(items[0]?.title).toBe('Tiroteo en Maracaibo — 3 heridos');
    expect(items[0]?.origin.offset).toBe(2 + 2 * text.indexOf('<item>'));
  });

  it('falls back to UTF-8 for an encoding it does not know, and says so', async () => {
    const { items, diagnostics } = await records('<?xml version="1.0" encoding="x-desconocida"?><rss><channel><item><title>a</title></item></channel></rss>');
    expect(items).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ ruleId: 'feed/encoding', severity: 'warning' });
  });

  it('keeps byte offsets exact with multi-byte characters split across chunks', async () => {
    const bytes = fixtureBytes('emoji-rtl.xml');
    const { items } = await records(bytes, { chunkSizes: [1, 2, 3] });
    for (const raw of items) {
      const slice = Buffer.from(bytes.subarray(raw.origin.offset ?? 0, (raw.origin.offset ?? 0) + (raw.origin.length ?? 0))).toString('utf8');
      expect(slice.startsWith('<item')).toBe(true);
      expect(slice.endsWith('</item>')).toBe(true);
      expect(slice).toContain(raw.externalId);
    }
  });
});

describe('chunking-independent diagnostics', () => {
  // The smallest inputs on which the chunking property found the output depended on where the
  // chunks end: each is read whole and one byte at a time, and both must say the same, here.
  async function wholeAndByteByByte(text: string): Promise<(RawItem | Diagnostic)[]> {
    const whole = await parseFeedBytes(encode(text), { file: 'x.xml' });
    const byteByByte = await parseFeedBytes(encode(text), { file: 'x.xml', chunkSizes: [1] });
    expect(JSON.stringify(byteByByte)).toBe(JSON.stringify(whole));
    return whole;
  }

  const cases: { name: string; input: string; output: string[]; message?: string }[] = [
    // Nothing is reported after reading stops, although saxes reads on to the end of the chunk.
    { name: 'an undeclared prefix after a root that is not a feed', input: '<a><x:b>', output: ['feed/not-a-feed@1:1'] },
    { name: 'an HTML entity after a root that is not a feed', input: '<a>&nbsp;', output: ['feed/not-a-feed@1:1'] },
    {
      name: 'an undeclared prefix after malformed XML',
      input: '<rss version="2.0"><channel><A</dc:date>',
      output: ['feed/malformed-xml@1:31'],
      message: 'disallowed character in tag name',
    },
    {
      name: 'an undeclared prefix after a malformed character reference',
      input: '<rss>&#xD800;<media:content url="https://a.example/v.mp4"/>',
      output: ['feed/malformed-xml@1:13'],
      message: 'malformed character entity',
    },
    // A bare `&` is looked for only in what the parser has read, not in the rest of the chunk.
    { name: 'a bare & after a malformed character reference', input: '<rss>&#0;&', output: ['feed/malformed-xml@1:9'], message: 'malformed character entity' },
    {
      name: 'a bare & well after a malformed character reference',
      input: '<rss>&#0;<a>&amp;</a> & more',
      output: ['feed/malformed-xml@1:9'],
      message: 'malformed character entity',
    },
    {
      name: 'a bare & after a malformed entity name',
      input: '<rss version="2.0"><channel>&:;&',
      output: ['feed/malformed-xml@1:31'],
      message: 'disallowed character in entity name',
    },
    { name: 'a bare & that is the error', input: '<rss><channel><title>A & B</title><link>a;b</link>', output: ['feed/malformed-xml@1:24'], message: 'an "&" that starts no entity' },
    // Text outside the root is reported where it starts, not where saxes finds its end.
    { name: 'text after the root', input: '<rss/>xy', output: ['feed/trailing-content@1:7'] },
    { name: 'text after the root and blank lines', input: '<rss/>  \n  xy', output: ['feed/trailing-content@2:3'] },
    { name: 'text before the root', input: '<!---->xy', output: ['feed/malformed-xml@1:8'], message: 'text data outside of root node' },
    { name: 'text before the root, up to a tag', input: '<?xml version="1.0"?>\n xy<rss/>', output: ['feed/malformed-xml@2:2'], message: 'text data outside of root node' },
    // saxes reports the elements a mismatched close tag skips over as closed: they are not.
    {
      name: 'an item cut by a mismatched close tag',
      input: '<rss><channel><item><title>kept?</title><link>https://a.example/</link></itex></channel></rss>',
      output: ['feed/malformed-xml@1:78'],
      message: 'unexpected close tag; reading stopped. The item that starts at 1:15 is incomplete and was skipped.',
    },
    { name: 'a root closed by a mismatched close tag', input: '<rss></a>', output: ['feed/malformed-xml@1:9'], message: 'unexpected close tag' },
  ];
  for (const { name, input, output, message } of cases) {
    it(`${name}: ${output.join(', ')}`, async () => {
      const records = await wholeAndByteByByte(input);
      expect(records.map((record) => (isDiagnostic(record) ? `${record.ruleId}@${record.location}` : `item ${record.externalId}`))).toEqual(output);
      if (message !== undefined) expect(records.at(-1)).toMatchObject({ message: expect.stringContaining(message) as string });
    });
  }

  it('warns of bytes that are not UTF-8 after the items before them, however the file is cut', async () => {
    const head = encode('<rss version="2.0"><channel><title>T</title><item><guid>a</guid><title>antes</title></item><item><guid>b</guid><title>');
    const bytes = Buffer.concat([head, Buffer.from([0xff]), encode('después</title></item></channel></rss>')]);
    const whole = await parseFeedBytes(bytes, { file: 'x.xml' });
    for (const chunkSizes of [[1], [2], [7], [3, 5]]) expect(JSON.stringify(await parseFeedBytes(bytes, { file: 'x.xml', chunkSizes }))).toBe(JSON.stringify(whole));
    const order = whole.map((record) => (isDiagnostic(record) ? record.ruleId : `item ${record.externalId}`)).filter((entry) => !entry.startsWith('feed/missing'));
    expect(order).toEqual(['item a', 'feed/encoding', 'item b']);
  });
});
