import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS, extractPage, readPageDate, type PageMetadata } from '../../../src/ingest/webpage/index.js';
import { parseWebpageBytes } from '../../fixtures/webpage/harness.js';

const TZ = 'America/Caracas';
const page = (head: string, body: string, baseUrl: string | null = null): PageMetadata =>
  extractPage(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`, { baseUrl, timezone: TZ });
const jsonLd = (value: unknown): string => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
const article = '<article><p>Una explosión se escuchó en el centro de la ciudad durante la tarde del sábado, según vecinos.</p></article>';

describe('extractPage: publication time', () => {
  it('reads JSON-LD given as an array, and says where the time came from', () => {
    const meta = page(jsonLd([{ '@type': 'BreadcrumbList' }, { '@type': 'NewsArticle', datePublished: '2026-03-07T16:05:00-04:00', headline: 'Titular' }]), article);
    expect(meta.published).toEqual({ iso: '2026-03-07T20:05:00Z', written: '2026-03-07T16:05:00-04:00', source: 'json-ld NewsArticle.datePublished', precision: 'second', zone: 'written' });
    expect(meta.title).toBe('Titular');
  });

  it('reads an @type list and schema.org IRIs as types', () => {
    const meta = page(jsonLd({ '@type': ['https://schema.org/NewsArticle', 'Thing'], datePublished: '2026-03-07' }), article);
    expect(meta.published?.source).toBe('json-ld NewsArticle.datePublished');
    expect(meta.published?.precision).toBe('day');
    // A date alone is midnight in the case timezone.
    expect(meta.published?.iso).toBe('2026-03-07T04:00:00Z');
  });

  it('resolves an author given by @id inside an @graph', () => {
    const meta = page(
      jsonLd({ '@graph': [{ '@type': 'Article', author: { '@id': '#p1' }, datePublished: '2026-01-02T03:04:05Z' }, { '@type': 'Person', '@id': '#p1', name: 'Ana Pérez' }] }),
      article,
    );
    expect(meta.authors).toEqual(['Ana Pérez']);
    expect(meta.published?.iso).toBe('2026-01-02T03:04:05Z');
  });

  it('falls back from JSON-LD to article:published_time, then itemprop, then named metas, then <time>', () => {
    expect(page('<meta property="article:published_time" content="2026-03-07T10:00:00Z"><meta name="date" content="2020-01-01">', article).published?.source).toBe(
      'meta article:published_time',
    );
    expect(page('<meta itemprop="datePublished" content="2026-03-07T10:00:00Z">', article).published?.source).toBe('itemprop=datePublished');
    expect(page('<meta name="DC.date.issued" content="2026-03-07">', article).published?.source).toBe('meta name=dc.date.issued');
    expect(page('', '<article><time datetime="2026-03-07T10:00:00-04:00">ayer</time><p>Texto suficientemente largo para ser un artículo de verdad, con varias palabras.</p></article>').published).toMatchObject({
      iso: '2026-03-07T14:00:00Z',
      source: 'first time element in the main text',
    });
  });

  it('ignores a <time> outside the main text (a sidebar, a footer)', () => {
    const meta = page('', `${article}<footer><time datetime="2020-01-01">2020</time></footer>`);
    expect(meta.published).toBeNull();
  });

  it('reads a time without an offset in the case timezone and says so', () => {
    const meta = page('<meta property="article:published_time" content="2026-03-07T14:30">', article);
    expect(meta.published).toMatchObject({ iso: '2026-03-07T18:30:00Z', zone: 'assumed', precision: 'minute' });
    expect(meta.problems.map((p) => p.ruleId)).toContain('webpage/date-without-offset');
  });

  it('reads Unix times in seconds and milliseconds', () => {
    expect(readPageDate('1772913900', 'x', TZ)?.iso).toBe('2026-03-07T20:05:00Z');
    expect(readPageDate('1772913900000', 'x', TZ)?.iso).toBe('2026-03-07T20:05:00Z');
    expect(readPageDate('12', 'x', TZ)).toBeNull();
  });

  it('reports an invalid date with its line and column, and uses the next source', () => {
    const html = '<html><head>\n<meta property="article:published_time" content="ayer">\n<meta name="date" content="2026-03-07T10:00:00Z"></head><body>x</body></html>';
    const meta = extractPage(html, { baseUrl: null, timezone: TZ });
    expect(meta.problems).toContainEqual(expect.objectContaining({ ruleId: 'webpage/invalid-date', location: '2:1' }));
    expect(meta.published?.source).toBe('meta name=date');
  });

  it('warns when the page gives two publication times, keeping the JSON-LD one', () => {
    const meta = page(`<meta property="article:published_time" content="2026-03-08T10:00:00Z">${jsonLd({ '@type': 'NewsArticle', datePublished: '2026-03-07T10:00:00Z' })}`, article);
    expect(meta.published?.iso).toBe('2026-03-07T10:00:00Z');
    expect(meta.problems.map((p) => p.ruleId)).toContain('webpage/conflicting-dates');
    // The same instant written two ways is no conflict.
    const same = page(`<meta property="article:published_time" content="2026-03-07T06:00:00-04:00">${jsonLd({ '@type': 'NewsArticle', datePublished: '2026-03-07T10:00:00Z' })}`, article);
    expect(same.problems.map((p) => p.ruleId)).not.toContain('webpage/conflicting-dates');
  });

  it('has no publication time when the page gives none', () => {
    expect(page('<title>Sin fecha</title>', article).published).toBeNull();
  });
});

describe('extractPage: metadata', () => {
  it('keeps a byline as printed, several authors in order', () => {
    expect(page(jsonLd({ '@type': 'NewsArticle', author: [{ name: 'Ana Pérez' }, 'Luis Mora', { name: 'Ana Pérez' }] }), article).authors).toEqual(['Ana Pérez', 'Luis Mora']);
    expect(page('<meta name="author" content="Redacción">', article).authors).toEqual(['Redacción']);
    // Facebook profile URLs in article:author are not names.
    expect(page('<meta property="article:author" content="https://facebook.com/diario">', article).authors).toEqual([]);
  });

  it('prefers the canonical URL, resolves it against <base>, and keeps only http(s)', () => {
    expect(page('<link rel="canonical" href="/nota/1"><base href="https://diario.example/x/">', article, 'https://espejo.example/n').url).toBe('https://diario.example/nota/1');
    expect(page('<meta property="og:url" content="javascript:alert(1)">', article).url).toBeNull();
  });

  it('takes the language from <html lang>, else og:locale', () => {
    expect(extractPage('<html lang="es-VE"><p>x</p></html>', { baseUrl: null, timezone: TZ }).language).toBe('es-VE');
    expect(page('<meta property="og:locale" content="es_CO">', article).language).toBe('es-CO');
  });

  it('reads JSON-LD wrapped in a comment, with raw line breaks and trailing commas, and says it repaired it', () => {
    const meta = page('<script type="application/ld+json"><!--\n{"@type":"NewsArticle","headline":"Línea\nrota",}\n--></script>', article);
    expect(meta.title).toBe('Línea rota');
    expect(meta.problems.map((p) => p.ruleId)).toEqual(['webpage/json-ld-repaired']);
  });

  it('reports JSON-LD it cannot read, where it is', () => {
    const meta = extractPage('<html>\n<head>\n  <script type="application/ld+json">{"@type": </script></head><body>x</body></html>', { baseUrl: null, timezone: TZ });
    expect(meta.problems).toContainEqual(expect.objectContaining({ ruleId: 'webpage/invalid-json-ld', location: '3:3' }));
  });
});

describe('extractPage: main text', () => {
  it('keeps the article and leaves out navigation, header, footer, asides, forms, scripts and comments', () => {
    const meta = page(
      '<title>T</title><style>p{color:red}</style>',
      `<header>Menú del sitio</header><nav>Inicio Política</nav>
       <article><p>Primer párrafo de la nota con bastante texto para contar como párrafo real.</p>
       <aside>Lee también: otra nota</aside><script>var x = "no es texto";</script>
       <form><label>Suscríbete</label><input></form>
       <div class="share-buttons">Compartir</div>
       <p>Segundo párrafo, <a href="/x">con un enlace</a> y <em>énfasis</em>.</p></article>
       <div id="comments"><p>Un comentario de un lector que no es parte de la nota.</p></div>
       <footer>© Diario</footer>`,
    );
    expect(meta.mainText).toBe('Primer párrafo de la nota con bastante texto para contar como párrafo real.\n\nSegundo párrafo, con un enlace y énfasis.');
    expect(meta.mainTextSource).toBe('article');
  });

  it('picks the block with the most paragraph text when there is no <article>', () => {
    const meta = page(
      '',
      `<div class="menu-lateral"><p>Enlace uno</p><p>Enlace dos</p></div>
       <div class="contenido"><p>${'Texto de la nota. '.repeat(20)}</p><p>${'Más texto de la nota. '.repeat(10)}</p></div>
       <div class="pie"><p>Contacto</p></div>`,
    );
    expect(meta.mainTextSource).toBe('densest-block');
    expect(meta.mainText.startsWith('Texto de la nota.')).toBe(true);
    expect(meta.mainText).not.toContain('Contacto');
  });

  it('prefers itemprop=articleBody over everything else', () => {
    const meta = page('', '<article><p>Resumen corto.</p><div itemprop="articleBody"><p>El cuerpo.</p></div></article>');
    expect(meta.mainText).toBe('El cuerpo.');
    expect(meta.mainTextSource).toBe('article-body');
  });

  it('keeps line breaks from <br>, and two of them end a paragraph; list items are lines', () => {
    const meta = page('', '<article><div>uno<br>dos<br><br>tres</div><ul><li>a</li><li>b</li></ul></article>');
    expect(meta.mainText).toBe('uno\ndos\n\ntres\n\na\nb');
  });

  it('decodes entities and collapses whitespace', () => {
    expect(page('', '<p>  a&nbsp;&amp;&#x1F4A5;\n\n b </p>').mainText).toBe('a &💥 b');
  });

  it('survives deep nesting and broken markup', () => {
    const deep = `${'<div>'.repeat(5000)}<p>hondo</p>${'</span>'.repeat(100)}`;
    expect(page('', deep).mainText).toBe('hondo');
  });

  it('reads a 10 MB page in bounded time, keeping the article and not the 10 MB of navigation', () => {
    const link = '<li><a href="/seccion/pagina">Enlace de navegación repetido</a></li>';
    const navigation = `<nav><ul>${link.repeat(Math.ceil((10 * 1024 * 1024) / link.length))}</ul></nav>`;
    const html = `<!doctype html><html lang="es"><head><title>Grande</title></head><body>${navigation}<article><p>La nota en sí.</p></article></body></html>`;
    expect(html.length).toBeGreaterThan(10 * 1024 * 1024);
    const started = performance.now();
    const meta = extractPage(html, { baseUrl: null, timezone: TZ });
    expect(meta.mainText).toBe('La nota en sí.');
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('cuts a page with more text than it keeps, and says so', () => {
    const paragraph = `<p>${'palabra '.repeat(1000)}</p>`;
    const html = `<article>${paragraph.repeat(Math.ceil(MAX_TEXT_CHARS / 8000) + 10)}</article>`;
    const meta = extractPage(html, { baseUrl: null, timezone: TZ });
    expect(meta.truncated).toBe(true);
    expect(meta.mainText.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(meta.problems.map((p) => p.ruleId)).toContain('webpage/oversized');
  });
});

describe('webpage adapter: encodings', () => {
  it('reads windows-1252 declared by <meta http-equiv>', async () => {
    const html = Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><title>Se\xf1al \x93fuerte\x94</title></head><body><p>a</p></body></html>', 'latin1');
    expect(await parseWebpageBytes(html)).toContainEqual(expect.objectContaining({ title: 'Señal “fuerte”' }));
  });

  it('reads UTF-16 with a byte-order mark', async () => {
    const html = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html><head><title>Señal</title></head><body><p>x</p></body></html>', 'utf16le')]);
    const records = await parseWebpageBytes(html);
    expect(records).toContainEqual(expect.objectContaining({ title: 'Señal' }));
  });

  it('streams a 10 MB page given as one line, in file-sized chunks', async () => {
    const filler = `<div class="promo">${'x'.repeat(10 * 1024 * 1024)}</div>`;
    const html = Buffer.from(`<html lang="es"><head><title>Larga</title></head><body>${filler}<article><p>Al final, la nota.</p></article></body></html>`);
    const records = await parseWebpageBytes(html, { chunkSizes: [1 << 20] });
    expect(records).toContainEqual(expect.objectContaining({ title: 'Larga', text: 'Al final, la nota.' }));
  });
});
