import { Parser } from 'htmlparser2';
import type { Severity } from '../../model/index.js';
import { parseFeedDate } from '../feed/index.js';

/**
 * What a news page says about itself, read from its HTML without a browser (so a saved .html
 * reads the same as a capture): title, publication and modification times and where each came
 * from, byline, description, canonical URL, language, and the main text.
 *
 * One pass of a streaming tokenizer (htmlparser2); memory is bounded by the caps below, not by
 * the page: a 10 MB page of navigation costs no more than its kept text.
 */

export interface PageDate {
  /** The instant, ISO 8601 UTC. */
  readonly iso: string;
  /** The value as the page wrote it. */
  readonly written: string;
  /** Where it was found: `json-ld NewsArticle.datePublished`, `meta article:published_time`, … */
  readonly source: string;
  readonly precision: 'day' | 'minute' | 'second';
  /** 'written': the value carried its offset; 'assumed': read in the case timezone. */
  readonly zone: 'written' | 'assumed' | 'unknown-zone';
}

export interface PageProblem {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** `line:col` in the HTML, or '' for the whole page. */
  readonly location: string;
}

export type MainTextSource = 'article-body' | 'article' | 'densest-block' | 'body' | 'none';

export interface PageMetadata {
  readonly title: string | null;
  readonly titleSource: string | null;
  readonly published: PageDate | null;
  readonly modified: PageDate | null;
  /** Bylines as the page gives them (journalists' bylines are public). */
  readonly authors: readonly string[];
  readonly authorSource: string | null;
  readonly description: string | null;
  readonly siteName: string | null;
  /** The page's own URL, absolute http(s): canonical link, og:url or JSON-LD url. */
  readonly url: string | null;
  readonly urlSource: string | null;
  readonly language: string | null;
  readonly languageSource: string | null;
  readonly image: string | null;
  readonly section: string | null;
  readonly keywords: readonly string[];
  /** Every schema.org type named in JSON-LD, in order met. */
  readonly jsonLdTypes: readonly string[];
  readonly mainText: string;
  readonly mainTextSource: MainTextSource;
  /** Images inside the main text, absolute http(s). */
  readonly images: readonly string[];
  /** True when the page had more text than is kept (MAX_TEXT_CHARS). */
  readonly truncated: boolean;
  readonly problems: readonly PageProblem[];
}

export interface ExtractOptions {
  /** The page's address, to resolve relative links; null for a file with none. */
  readonly baseUrl: string | null;
  /** The case's IANA timezone, for times written without an offset. */
  readonly timezone: string;
}

/** Text kept from one page; past it the text is cut and `truncated` set. */
export const MAX_TEXT_CHARS = 4 * 1024 * 1024;
/** One JSON-LD block; larger ones are skipped with a diagnostic. */
const MAX_JSON_LD_CHARS = 2 * 1024 * 1024;
const MAX_JSON_LD_TOTAL = 8 * 1024 * 1024;
/** A title, byline or other captured element's text. */
const MAX_CAPTURE_CHARS = 2000;
const MAX_IMAGES = 100;
/** Elements deeper than this are treated as inline: nothing real nests so deep. */
const MAX_DEPTH = 512;

// Their content is never article text.
const SKIPPED = new Set([
  'head', 'script', 'style', 'template', 'noscript', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'nav', 'header', 'footer', 'aside', 'form', 'button', 'select', 'textarea', 'dialog', 'menu',
]);
const SKIPPED_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'dialog', 'alertdialog']);
// Class/id words of page furniture (after Readability's "unlikely candidates"), unless a content word is there too.
const FURNITURE_WORDS = new Set([
  'nav', 'navbar', 'menu', 'breadcrumb', 'breadcrumbs', 'sidebar', 'share', 'sharing', 'social', 'related', 'comment', 'comments',
  'newsletter', 'cookie', 'cookies', 'advert', 'advertisement', 'ad', 'ads', 'promo', 'subscribe', 'paywall', 'popup', 'modal',
]);
const CONTENT_WORDS = new Set(['article', 'content', 'body', 'story', 'text', 'entry', 'post', 'main', 'cuerpo', 'nota', 'noticia']);
// Elements that do not start a block of text.
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'img', 'ins', 'kbd', 'label', 'mark',
  'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'picture', 'source', 'big', 'strike', 'tt',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const LINE_BREAK = '\u2028';

// schema.org's Article and its subtypes: where a news page's own dates and byline are.
const ARTICLE_TYPES = new Set([
  'article', 'newsarticle', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle', 'backgroundnewsarticle',
  'reviewnewsarticle', 'askpublicnewsarticle', 'satiricalarticle', 'scholarlyarticle', 'blogposting', 'liveblogposting',
  'socialmediaposting', 'discussionforumposting', 'techarticle', 'report', 'advertisercontentarticle', 'medicalscholarlyarticle',
]);

/** Elements that hold text, with their ancestry, scored as they are read. */
interface BlockNode {
  readonly name: string;
  readonly parent: BlockNode | null;
  readonly articleBody: boolean;
  /** Paragraph text whose container this is (full) or whose container's parent this is (half). */
  score: number;
  /** All kept text inside. */
  total: number;
}

interface Frame {
  readonly name: string;
  readonly skip: boolean;
  readonly block: BlockNode | null;
}

interface Segment {
  readonly text: string;
  readonly kind: 'paragraph' | 'heading' | 'item' | 'other';
  readonly block: BlockNode | null;
}

interface Located {
  readonly value: string;
  readonly location: string;
}

interface Capture {
  readonly kind: 'title' | 'h1' | 'author' | 'author-name' | 'headline' | 'date' | 'rel-author' | 'json-ld';
  readonly depth: number;
  readonly parts: string[];
  length: number;
  readonly location: string;
  /** For date captures: which itemprop. */
  readonly key?: string;
}

interface TimeElement extends Located {
  readonly pubdate: boolean;
  readonly block: BlockNode | null;
}

interface JsonLdNode {
  readonly node: Record<string, unknown>;
  readonly types: readonly string[];
  readonly location: string;
}

const UNKNOWN = -2;

/** Where a position in the text is, as `line:col`, tracked as the text streams past. */
class LineCursor {
  private readonly pending: string[] = [];
  private pendingStart = 0;
  private position = 0;
  private line = 1;
  private column = 1;
  /** Index in the first pending chunk of the next line break at or after the position; -1 for none. */
  private nextNewline = UNKNOWN;

  feed(text: string): void {
    if (text !== '') this.pending.push(text);
  }

  locate(index: number): string {
    while (this.position < index && this.pending.length > 0) {
      const chunk = this.pending[0] ?? '';
      const from = this.position - this.pendingStart;
      const to = Math.min(chunk.length, index - this.pendingStart);
      // The next line break is looked up once and remembered, so a long line costs one scan, not one per tag.
      if (this.nextNewline === UNKNOWN || (this.nextNewline !== -1 && this.nextNewline < from)) this.nextNewline = chunk.indexOf('\n', from);
      let lastNewline = -1;
      while (this.nextNewline !== -1 && this.nextNewline < to) {
        this.line++;
        lastNewline = this.nextNewline;
        this.nextNewline = chunk.indexOf('\n', lastNewline + 1);
      }
      this.column = lastNewline === -1 ? this.column + (to - from) : to - lastNewline;
      this.position = this.pendingStart + to;
      if (to >= chunk.length) {
        this.pending.shift();
        this.pendingStart += chunk.length;
        this.nextNewline = UNKNOWN;
      }
    }
    return `${this.line}:${this.column}`;
  }
}

/** Streaming reader of one HTML page. Feed text with `write`, then `end()` for the metadata. */
export class PageExtractor {
  private readonly parser: Parser;
  private readonly cursor = new LineCursor();
  private readonly frames: Frame[] = [];
  private readonly segments: Segment[] = [];
  private readonly captures: Capture[] = [];
  private readonly metas = new Map<string, Located[]>();
  private readonly times: TimeElement[] = [];
  private readonly jsonLd: JsonLdNode[] = [];
  private readonly problems: PageProblem[] = [];
  private readonly images: { src: string; block: BlockNode | null }[] = [];
  private readonly relAuthors: string[] = [];
  private readonly articles: BlockNode[] = [];
  private readonly articleBodies: BlockNode[] = [];
  private pending: string[] = [];
  private pendingLength = 0;
  private keptChars = 0;
  private jsonLdChars = 0;
  private truncated = false;
  private title: string | null = null;
  private h1: string | null = null;
  private htmlLang: string | null = null;
  private baseHref: string | null = null;
  private canonical: Located | null = null;
  private ended = false;
  /** Elements seen: none means the input was not HTML at all. */
  elements = 0;

  constructor(private readonly options: ExtractOptions) {
    this.parser = new Parser(
      {
        onopentag: (name, attributes) => { this.open(name, attributes); },
        onclosetag: (name) => { this.close(name); },
        ontext: (text) => { this.text(text); },
      },
      { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
    );
  }

  write(text: string): void {
    if (this.ended) return;
    this.cursor.feed(text);
    this.parser.write(text);
  }

  end(): PageMetadata {
    if (!this.ended) {
      this.ended = true;
      this.parser.end();
      this.flush();
    }
    return this.result();
  }

  // -------------------------------------------------------------------------------------------
  // Tokens

  private open(name: string, attributes: Record<string, string>): void {
    this.elements++;
    const location = this.cursor.locate(this.parser.startIndex);
    const parent = this.frames[this.frames.length - 1];
    const depth = this.frames.length;
    const skip = (parent?.skip ?? false) || SKIPPED.has(name) || furniture(name, attributes);
    let block = parent?.block ?? null;
    if (!INLINE.has(name) && name !== 'br' && depth < MAX_DEPTH) {
      this.flush();
      if (!skip) {
        const itemprop = tokens(attributes['itemprop']);
        block = { name, parent: block, articleBody: itemprop.includes('articlebody'), score: 0, total: 0 };
        if (name === 'article') this.articles.push(block);
        if (block.articleBody) this.articleBodies.push(block);
      }
    }
    this.frames.push({ name, skip, block });
    this.readAttributes(name, attributes, location, depth, skip, block);
    if (name === 'br' && !skip) this.addText(LINE_BREAK);
  }

  private close(name: string): void {
    const frame = this.frames.pop();
    if (frame === undefined) return;
    if (!INLINE.has(name) && name !== 'br') this.flush(frame);
    const depth = this.frames.length;
    for (let i = this.captures.length - 1; i >= 0; i--) {
      const capture = this.captures[i];
      if (capture?.depth !== depth) continue;
      this.captures.splice(i, 1);
      this.finishCapture(capture);
    }
  }

  private text(text: string): void {
    this.cursor.locate(this.parser.startIndex);
    for (const capture of this.captures) {
      if (capture.kind === 'json-ld') {
        if (capture.length + text.length > MAX_JSON_LD_CHARS) capture.length = Infinity;
        else {
          capture.parts.push(text);
          capture.length += text.length;
        }
      } else if (capture.length < MAX_CAPTURE_CHARS) {
        capture.parts.push(text);
        capture.length += text.length;
      }
    }
    const frame = this.frames[this.frames.length - 1];
    if (frame?.skip === true) return;
    this.addText(text);
  }

  private addText(text: string): void {
    if (this.truncated) return;
    if (this.keptChars + this.pendingLength + text.length > MAX_TEXT_CHARS) {
      this.truncated = true;
      return;
    }
    this.pending.push(text);
    this.pendingLength += text.length;
  }

  /** End the text block being gathered: it becomes one or more segments (two line breaks in a row split it). */
  private flush(closing?: Frame): void {
    if (this.pending.length === 0) return;
    const raw = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    const current = closing ?? this.frames[this.frames.length - 1];
    const block = current?.block ?? null;
    const kind = segmentKind(block);
    const paragraphs: string[][] = [[]];
    for (const line of raw.split(LINE_BREAK)) {
      const collapsed = line.replace(/\s+/g, ' ').trim();
      const last = paragraphs[paragraphs.length - 1] ?? [];
      // An empty line (`<br><br>`) ends the paragraph.
      if (collapsed === '') {
        if (last.length > 0) paragraphs.push([]);
      } else last.push(collapsed);
    }
    for (const lines of paragraphs) {
      if (lines.length === 0) continue;
      const text = lines.join('\n');
      this.keptChars += text.length;
      this.segments.push({ text, kind, block });
      this.score(block, text.length, kind);
    }
  }

  private score(block: BlockNode | null, length: number, kind: Segment['kind']): void {
    for (let node = block; node !== null; node = node.parent) node.total += length;
    if (block === null || kind === 'heading' || kind === 'item') return;
    // A paragraph scores for the element holding it, and half for that one's parent; text
    // straight inside a <div> is a paragraph too (Readability turns such divs into <p>).
    const container = block.parent ?? block;
    container.score += length;
    if (container.parent !== null) container.parent.score += length / 2;
  }

  private readAttributes(name: string, attributes: Record<string, string>, location: string, depth: number, skip: boolean, block: BlockNode | null): void {
    const capture = (kind: Capture['kind'], key?: string): void => {
      this.captures.push({ kind, depth, parts: [], length: 0, location, ...(key === undefined ? {} : { key }) });
    };
    switch (name) {
      case 'html':
        this.htmlLang ??= nonEmpty(attributes['lang']) ?? nonEmpty(attributes['xml:lang']);
        break;
      case 'base':
        this.baseHref ??= nonEmpty(attributes['href']);
        break;
      case 'title':
        if (this.title === null && !this.insideSvg()) capture('title');
        break;
      case 'h1':
        // The headline often sits in the article's <header>, which the main text leaves out.
        if (this.h1 === null) capture('h1');
        break;
      case 'meta':
        this.readMeta(attributes, location);
        break;
      case 'link': {
        const rel = tokens(attributes['rel']);
        if (rel.includes('canonical') && this.canonical === null && nonEmpty(attributes['href']) !== null) this.canonical = { value: attributes['href'] ?? '', location };
        break;
      }
      case 'script': {
        const type = (attributes['type'] ?? '').trim().toLowerCase();
        if (type === 'application/ld+json') capture('json-ld');
        break;
      }
      case 'time': {
        const datetime = nonEmpty(attributes['datetime']);
        if (datetime !== null) this.times.push({ value: datetime, location, pubdate: 'pubdate' in attributes, block });
        break;
      }
      case 'img': {
        const src = nonEmpty(attributes['src']) ?? nonEmpty(attributes['data-src']);
        if (src !== null && !skip && this.images.length < MAX_IMAGES * 4 && !/^data:/i.test(src)) this.images.push({ src, block });
        break;
      }
      case 'a':
        if (tokens(attributes['rel']).includes('author')) capture('rel-author');
        break;
    }
    // Microdata outside <meta>: `<span itemprop="datePublished" content="…">`, `<div itemprop="author">…`.
    const itemprop = tokens(attributes['itemprop']);
    if (itemprop.length > 0 && name !== 'meta') {
      const value = nonEmpty(attributes['content']) ?? nonEmpty(attributes['datetime']);
      for (const prop of itemprop) {
        if (value !== null) this.addMeta(`itemprop:${prop}`, value, location);
        else if (prop === 'datepublished' || prop === 'datemodified') capture('date', prop);
        else if (prop === 'author' || prop === 'creator') capture('author');
        else if (prop === 'name' && this.captures.some((c) => c.kind === 'author')) capture('author-name');
        else if (prop === 'headline') capture('headline');
      }
    }
  }

  private insideSvg(): boolean {
    return this.frames.some((frame) => frame.name === 'svg');
  }

  private readMeta(attributes: Record<string, string>, location: string): void {
    const content = attributes['content'];
    if (content === undefined) return;
    for (const attribute of ['property', 'name', 'itemprop', 'http-equiv'] as const) {
      const key = attributes[attribute];
      if (key === undefined) continue;
      for (const token of attribute === 'itemprop' || attribute === 'property' ? tokens(key) : [key.trim().toLowerCase()]) {
        // Open Graph tags are `property`, but many pages write them as `name`.
        const kind = attribute === 'name' && /^(og|article):/.test(token) ? 'property' : attribute;
        this.addMeta(`${kind}:${token}`, content, location);
      }
    }
  }

  private addMeta(key: string, value: string, location: string): void {
    const trimmed = value.trim();
    if (trimmed === '') return;
    let list = this.metas.get(key);
    if (list === undefined) this.metas.set(key, (list = []));
    if (list.length < 20) list.push({ value: trimmed, location });
  }

  private finishCapture(capture: Capture): void {
    const text = capture.parts.join('');
    if (capture.kind === 'json-ld') {
      this.readJsonLd(text, capture.length === Infinity, capture.location);
      return;
    }
    const line = singleLine(text);
    if (line === null) return;
    switch (capture.kind) {
      case 'title':
        this.title ??= line;
        break;
      case 'h1':
        this.h1 ??= line;
        break;
      case 'headline':
        this.addMeta('itemprop:headline', line, capture.location);
        break;
      case 'date':
        this.addMeta(`itemprop:${capture.key ?? 'datepublished'}`, line, capture.location);
        break;
      case 'author-name':
        this.addMeta('itemprop:author-name', line, capture.location);
        break;
      case 'author':
        this.addMeta('itemprop:author', line, capture.location);
        break;
      case 'rel-author':
        if (this.relAuthors.length < 10 && line.length <= 200) this.relAuthors.push(line);
        break;
    }
  }

  private readJsonLd(raw: string, oversized: boolean, location: string): void {
    if (oversized || this.jsonLdChars + raw.length > MAX_JSON_LD_TOTAL) {
      this.problem('webpage/json-ld-too-large', 'warning', `a JSON-LD block is larger than ${MAX_JSON_LD_CHARS} characters; it was skipped`, location);
      return;
    }
    this.jsonLdChars += raw.length;
    // CMSs wrap JSON-LD in HTML comments or CDATA, and some write raw line breaks inside strings.
    const text = raw.trim().replace(/^<!--|-->$/g, '').replace(/^\s*\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>\s*$/g, '').trim();
    if (text === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      // The two faults CMS templates make most: raw line breaks inside strings, trailing commas.
      const repaired = Array.from(text, (c) => (c.charCodeAt(0) < 0x20 ? ' ' : c)).join('').replace(/,(\s*[}\]])/g, '$1');
      try {
        value = JSON.parse(repaired);
        this.problem('webpage/json-ld-repaired', 'info', `a JSON-LD block is not valid JSON (${(error as Error).message}); it was read after removing line breaks and trailing commas`, location);
      } catch {
        this.problem('webpage/invalid-json-ld', 'warning', `a JSON-LD block is not valid JSON (${(error as Error).message}); its metadata was not read`, location);
        return;
      }
    }
    for (const node of jsonLdNodes(value)) this.jsonLd.push({ node, types: schemaTypes(node['@type']), location });
  }

  private problem(ruleId: string, severity: Severity, message: string, location: string): void {
    this.problems.push({ ruleId, severity, message, location });
  }

  // -------------------------------------------------------------------------------------------
  // The result

  private result(): PageMetadata {
    const written = this.base();
    const article = this.jsonLd.find((n) => n.types.some((t) => ARTICLE_TYPES.has(t.toLowerCase())));
    const articleType = article?.types.find((t) => ARTICLE_TYPES.has(t.toLowerCase())) ?? null;
    const ids = new Map<string, Record<string, unknown>>();
    for (const { node } of this.jsonLd) if (typeof node['@id'] === 'string') ids.set(node['@id'], node);
    const pageNode = this.jsonLd.find((n) => n.types.some((t) => /page$/i.test(t)));

    const main = this.mainText();
    const title = this.pickTitle(article, articleType);
    const published = this.pickDate('published', article, articleType, pageNode, main.container);
    const modified = this.pickDate('modified', article, articleType, pageNode, main.container);
    const authors = this.pickAuthors(article, articleType, ids);
    const url = this.pickUrl(article, written);
    // A saved page with no address of its own still names one (canonical, og:url): resolve against it.
    const base = written ?? url?.value ?? null;
    const language = this.pickLanguage(article);
    const image =
      resolveHttp(this.meta('property:og:image') ?? this.meta('name:twitter:image') ?? this.meta('property:twitter:image') ?? jsonLdImage(article?.node), base);
    const description = this.meta('property:og:description') ?? this.meta('name:description') ?? jsonLdString(article?.node['description']);
    const siteName = this.meta('property:og:site_name') ?? jsonLdName(article?.node['publisher'], ids) ?? this.meta('name:application-name');
    const section = this.meta('property:article:section') ?? jsonLdString(article?.node['articleSection']);
    const keywords = this.keywords(article);
    const images: string[] = [];
    for (const { src, block } of this.images) {
      if (main.container !== null && !within(block, main.container)) continue;
      const resolved = resolveHttp(src, base);
      if (resolved !== null && !images.includes(resolved)) images.push(resolved);
      if (images.length >= MAX_IMAGES) break;
    }
    if (this.truncated) this.problem('webpage/oversized', 'warning', `the page has more than ${MAX_TEXT_CHARS} characters of text; the rest was not read`, '');
    return {
      title: title?.value ?? null,
      titleSource: title?.source ?? null,
      published,
      modified: modified !== null && published !== null && modified.iso === published.iso ? null : modified,
      authors: authors?.names ?? [],
      authorSource: authors?.source ?? null,
      description: description === null ? null : singleLine(description),
      siteName: siteName === null ? null : singleLine(siteName),
      url: url?.value ?? null,
      urlSource: url?.source ?? null,
      language: language?.value ?? null,
      languageSource: language?.source ?? null,
      image,
      section: section === null ? null : singleLine(section),
      keywords,
      jsonLdTypes: [...new Set(this.jsonLd.flatMap((n) => n.types))],
      mainText: main.text,
      mainTextSource: main.source,
      images,
      truncated: this.truncated,
      problems: this.problems,
    };
  }

  private meta(key: string): string | null {
    return this.metas.get(key)?.[0]?.value ?? null;
  }

  private base(): string | null {
    const page = this.options.baseUrl;
    if (this.baseHref === null) return page;
    try {
      return new URL(this.baseHref, page ?? undefined).href;
    } catch {
      return page;
    }
  }

  private mainText(): { text: string; source: MainTextSource; container: BlockNode | null } {
    const best = (nodes: readonly BlockNode[]): BlockNode | null => nodes.reduce<BlockNode | null>((a, b) => (a === null || b.total > a.total ? b : a), null);
    let container: BlockNode | null = null;
    let source: MainTextSource = 'none';
    const body = best(this.articleBodies);
    const article = best(this.articles);
    if (body !== null && body.total > 0) {
      container = body;
      source = 'article-body';
    } else if (article !== null && article.total > 0 && (article.total >= 200 || article.total * 2 >= this.keptChars)) {
      // An <article> holding little of the page's text is a teaser among others, not the story.
      container = article;
      source = 'article';
    } else {
      const scored = new Set<BlockNode>();
      for (const segment of this.segments) for (let node = segment.block; node !== null; node = node.parent) scored.add(node);
      for (const node of scored) if (node.score > 0 && (container === null || node.score > container.score)) container = node;
      if (container !== null) source = 'densest-block';
    }
    const kept = container === null ? this.segments : this.segments.filter((segment) => within(segment.block, container));
    if (container === null && kept.length > 0) source = 'body';
    let text = '';
    let previous: Segment['kind'] | null = null;
    for (const segment of kept) {
      if (text !== '') text += segment.kind === 'item' && previous === 'item' ? '\n' : '\n\n';
      text += segment.text;
      previous = segment.kind;
    }
    return { text, source: text === '' ? 'none' : source, container };
  }

  private pickTitle(article: JsonLdNode | undefined, articleType: string | null): { value: string; source: string } | null {
    const candidates: [string | null, string][] = [
      [jsonLdString(article?.node['headline']), `json-ld ${articleType ?? 'Article'}.headline`],
      [this.meta('property:og:title'), 'meta og:title'],
      [this.meta('name:twitter:title') ?? this.meta('property:twitter:title'), 'meta twitter:title'],
      [this.meta('itemprop:headline'), 'itemprop=headline'],
      [this.title, 'title element'],
      [this.h1, 'h1 element'],
    ];
    for (const [value, source] of candidates) {
      const line = value === null ? null : singleLine(value);
      if (line !== null) return { value: line, source };
    }
    return null;
  }

  private pickDate(which: 'published' | 'modified', article: JsonLdNode | undefined, articleType: string | null, pageNode: JsonLdNode | undefined, container: BlockNode | null): PageDate | null {
    const candidates: { value: string; source: string; location: string }[] = [];
    const fromJsonLd = (node: JsonLdNode | undefined, type: string | null): void => {
      const key = which === 'published' ? 'datePublished' : 'dateModified';
      const value = jsonLdString(node?.node[key]);
      if (node !== undefined && value !== null) candidates.push({ value, source: `json-ld ${type ?? node.types[0] ?? 'Thing'}.${key}`, location: node.location });
    };
    const fromMeta = (key: string, source: string): void => {
      for (const found of this.metas.get(key)?.slice(0, 1) ?? []) candidates.push({ value: found.value, source, location: found.location });
    };
    fromJsonLd(article, articleType);
    if (which === 'published') {
      fromMeta('property:article:published_time', 'meta article:published_time');
      fromMeta('itemprop:datepublished', 'itemprop=datePublished');
      for (const key of ['og:published_time', 'og:article:published_time', 'article:published', 'published_time']) fromMeta(`property:${key}`, `meta ${key}`);
      for (const key of PUBLISHED_NAMES) fromMeta(`name:${key}`, `meta name=${key}`);
    } else {
      fromMeta('property:article:modified_time', 'meta article:modified_time');
      fromMeta('property:og:updated_time', 'meta og:updated_time');
      fromMeta('itemprop:datemodified', 'itemprop=dateModified');
      for (const key of MODIFIED_NAMES) fromMeta(`name:${key}`, `meta name=${key}`);
    }
    if (pageNode !== article) fromJsonLd(pageNode, null);
    const structured = candidates.length;
    if (which === 'published') {
      const pubdate = this.times.find((t) => t.pubdate);
      if (pubdate !== undefined) candidates.push({ value: pubdate.value, source: 'time element with pubdate', location: pubdate.location });
      const inMain = this.times.find((t) => container !== null && within(t.block, container));
      if (inMain !== undefined) candidates.push({ value: inMain.value, source: 'first time element in the main text', location: inMain.location });
    }

    let chosen: PageDate | null = null;
    let chosenAt = -1;
    const valid: PageDate[] = [];
    for (const [index, candidate] of candidates.entries()) {
      const read = readPageDate(candidate.value, candidate.source, this.options.timezone);
      if (read === null) {
        this.problem('webpage/invalid-date', 'warning', `the ${which === 'published' ? 'publication' : 'modification'} date ${JSON.stringify(candidate.value)} (${candidate.source}) is not a date`, candidate.location);
        continue;
      }
      if (chosen === null) {
        chosen = read;
        chosenAt = index;
        const location = candidate.location;
        if (read.precision === 'day') this.problem('webpage/date-without-time', 'info', `the ${which} date ${JSON.stringify(read.written)} (${read.source}) has no time of day; read as 00:00${read.zone === 'written' ? '' : ` in ${this.options.timezone}`}`, location);
        else if (read.zone === 'assumed') this.problem('webpage/date-without-offset', 'info', `the ${which} date ${JSON.stringify(read.written)} (${read.source}) has no UTC offset; read in the case timezone ${this.options.timezone}`, location);
      }
      if (index < structured) valid.push(read);
    }
    const picked = chosen;
    if (picked !== null && which === 'published' && chosenAt < structured) {
      const disagreeing = valid.filter((other) => !sameTime(other, picked));
      if (disagreeing.length > 0) {
        this.problem(
          'webpage/conflicting-dates',
          'warning',
          `the page gives more than one publication time: ${[picked, ...disagreeing].map((d) => `${d.iso} (${d.source})`).join(', ')}; the first is kept`,
          '',
        );
      }
    }
    return picked;
  }

  private pickAuthors(article: JsonLdNode | undefined, articleType: string | null, ids: ReadonlyMap<string, Record<string, unknown>>): { names: string[]; source: string } | null {
    const fromJsonLd = jsonLdPeople(article?.node['author'], ids);
    if (fromJsonLd.length > 0) return { names: fromJsonLd, source: `json-ld ${articleType ?? 'Article'}.author` };
    const lists: [string[], string][] = [
      [this.values('name:author'), 'meta name=author'],
      [this.values('property:article:author').filter((v) => !/^https?:\/\//i.test(v)), 'meta article:author'],
      [this.values('itemprop:author-name'), 'itemprop=author name'],
      [this.values('itemprop:author'), 'itemprop=author'],
      [this.relAuthors, 'rel=author link'],
      [this.values('name:byl'), 'meta name=byl'],
      [[...this.values('name:dc.creator'), ...this.values('name:dcterms.creator')], 'meta name=dc.creator'],
      [[...this.values('name:parsely-author'), ...this.values('name:sailthru.author')], 'meta name=parsely-author'],
    ];
    for (const [values, source] of lists) {
      const names = unique(values.map((v) => singleLine(v)).filter((v): v is string => v !== null && v.length <= 300));
      if (names.length > 0) return { names, source };
    }
    return null;
  }

  private values(key: string): string[] {
    return (this.metas.get(key) ?? []).map((found) => found.value);
  }

  private pickUrl(article: JsonLdNode | undefined, base: string | null): { value: string; source: string } | null {
    const mainEntity = article?.node['mainEntityOfPage'];
    const candidates: [string | null, string][] = [
      [this.canonical?.value ?? null, 'link rel=canonical'],
      [this.meta('property:og:url'), 'meta og:url'],
      [jsonLdString(article?.node['url']), 'json-ld url'],
      [typeof mainEntity === 'string' ? mainEntity : isRecord(mainEntity) ? jsonLdString(mainEntity['@id']) : null, 'json-ld mainEntityOfPage'],
    ];
    for (const [value, source] of candidates) {
      const resolved = value === null ? null : resolveHttp(value, base);
      if (resolved !== null) return { value: resolved, source };
    }
    return null;
  }

  private pickLanguage(article: JsonLdNode | undefined): { value: string; source: string } | null {
    const locale = this.meta('property:og:locale');
    const candidates: [string | null, string][] = [
      [this.htmlLang, 'html lang'],
      [this.meta('http-equiv:content-language'), 'meta content-language'],
      [locale === null ? null : locale.replace(/_/g, '-'), 'meta og:locale'],
      [jsonLdString(article?.node['inLanguage']), 'json-ld inLanguage'],
    ];
    for (const [value, source] of candidates) {
      const tag = value?.trim() ?? '';
      if (/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(tag)) return { value: tag, source };
    }
    return null;
  }

  private keywords(article: JsonLdNode | undefined): string[] {
    const fromMeta = [...this.values('name:keywords'), ...this.values('property:article:tag'), ...this.values('name:news_keywords')];
    const fromJsonLd = article?.node['keywords'];
    const all = [...fromMeta, ...(Array.isArray(fromJsonLd) ? fromJsonLd.filter((k): k is string => typeof k === 'string') : typeof fromJsonLd === 'string' ? [fromJsonLd] : [])];
    return unique(all.flatMap((k) => k.split(',')).map((k) => k.trim()).filter((k) => k !== '' && k.length <= 100)).slice(0, 50);
  }
}

const PUBLISHED_NAMES = [
  'pubdate', 'publishdate', 'publish-date', 'publish_date', 'publication_date', 'date', 'dc.date.issued', 'dcterms.issued',
  'dc.date', 'dcterms.created', 'citation_publication_date', 'parsely-pub-date', 'sailthru.date', 'article.published',
  'datepublished', 'original-publish-date', 'cxenseparse:recs:publishtime',
];
const MODIFIED_NAMES = ['lastmod', 'last-modified', 'dcterms.modified', 'dc.date.modified', 'article.updated', 'datemodified'];

/** Read HTML text whole (a capture's DOM, a test page). */
export function extractPage(html: string, options: ExtractOptions): PageMetadata {
  const extractor = new PageExtractor(options);
  // Feeding in slices keeps the cursor's pending text small.
  for (let i = 0; i < html.length; i += 1 << 16) extractor.write(html.slice(i, i + (1 << 16)));
  return extractor.end();
}

/** A page date: ISO forms feeds and pages write, or a Unix time in seconds or milliseconds. */
export function readPageDate(written: string, source: string, timezone: string): PageDate | null {
  const value = written.trim();
  if (/^\d{10}(\d{3})?$/.test(value)) {
    const ms = value.length === 10 ? Number(value) * 1000 : Number(value);
    const date = new Date(ms);
    const year = date.getUTCFullYear();
    if (year < 1990 || year > 2200) return null;
    return { iso: date.toISOString().replace(/\.000Z$/, 'Z'), written: value, source, precision: 'second', zone: 'written' };
  }
  const date = parseFeedDate(value, timezone);
  if (date.kind === 'invalid') return null;
  const precision = date.dateOnly ? 'day' : /\d:\d{2}:\d{2}/.test(value) ? 'second' : 'minute';
  return { iso: date.iso, written: value, source, precision, zone: date.zone };
}

function sameTime(a: PageDate, b: PageDate): boolean {
  if (a.precision === 'day' || b.precision === 'day') return a.iso.slice(0, 10) === b.iso.slice(0, 10) || Math.abs(Date.parse(a.iso) - Date.parse(b.iso)) < 86_400_000;
  return Math.abs(Date.parse(a.iso) - Date.parse(b.iso)) <= 60_000;
}

function segmentKind(block: BlockNode | null): Segment['kind'] {
  for (let node = block; node !== null; node = node.parent) {
    if (node.name === 'p' || node.name === 'blockquote' || node.name === 'pre') return 'paragraph';
    if (HEADINGS.has(node.name)) return 'heading';
    if (node.name === 'li' || node.name === 'dt' || node.name === 'dd') return 'item';
    if (node.name !== 'span' && node.name !== 'a') return 'other';
  }
  return 'other';
}

function within(block: BlockNode | null, container: BlockNode): boolean {
  for (let node = block; node !== null; node = node.parent) if (node === container) return true;
  return false;
}

function furniture(name: string, attributes: Record<string, string>): boolean {
  if (name === 'html' || name === 'body' || name === 'article' || name === 'main') return false;
  const role = (attributes['role'] ?? '').trim().toLowerCase();
  if (SKIPPED_ROLES.has(role)) return true;
  if ((attributes['aria-hidden'] ?? '').trim().toLowerCase() === 'true' || 'hidden' in attributes) return true;
  if (tokens(attributes['itemprop']).includes('articlebody')) return false;
  const words = `${attributes['class'] ?? ''} ${attributes['id'] ?? ''}`.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
  return words.some((w) => FURNITURE_WORDS.has(w)) && !words.some((w) => CONTENT_WORDS.has(w));
}

function tokens(value: string | undefined): string[] {
  return value === undefined ? [] : value.toLowerCase().split(/\s+/).filter((t) => t !== '');
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function singleLine(text: string): string | null {
  const line = text.replace(/\s+/g, ' ').trim();
  return line === '' ? null : line;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function resolveHttp(value: string | null, base: string | null): string | null {
  if (value === null) return null;
  try {
    const url = base === null ? new URL(value.trim()) : new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object in a JSON-LD document: top-level arrays, `@graph`, and nested nodes, depth-bounded. */
function jsonLdNodes(value: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > 8 || out.length > 500) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    if (!isRecord(node)) return;
    if (node['@type'] !== undefined) out.push(node);
    for (const [key, child] of Object.entries(node)) {
      // Authors and publishers are read where they are named, not as candidates for the page itself.
      if (key === '@graph' || key === 'mainEntity' || key === 'hasPart' || key === 'itemListElement' || key === 'item') visit(child, depth + 1);
    }
  };
  visit(value, 0);
  return out;
}

/** `NewsArticle`, from `NewsArticle`, `schema:NewsArticle`, `https://schema.org/NewsArticle` or a list of them. */
function schemaTypes(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/:#]/, '').trim()).filter((t) => t !== '');
}

function jsonLdString(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return jsonLdString(value[0]);
  if (isRecord(value) && typeof value['@value'] === 'string') return jsonLdString(value['@value']);
  return null;
}

function jsonLdName(value: unknown, ids: ReadonlyMap<string, Record<string, unknown>>): string | null {
  return jsonLdPeople(value, ids)[0] ?? null;
}

/** Names of the people or organisations a JSON-LD value names: strings, `{name}`, `{@id}` references, lists. */
function jsonLdPeople(value: unknown, ids: ReadonlyMap<string, Record<string, unknown>>): string[] {
  const names: string[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > 3 || names.length >= 20) return;
    if (typeof node === 'string') {
      if (!/^https?:\/\//i.test(node.trim())) names.push(node);
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    if (!isRecord(node)) return;
    const name = jsonLdString(node['name']);
    if (name !== null) names.push(name);
    else if (typeof node['@id'] === 'string' && ids.has(node['@id']) && ids.get(node['@id']) !== node) visit(ids.get(node['@id']), depth + 1);
  };
  visit(value, 0);
  return unique(names.map((n) => singleLine(n)).filter((n): n is string => n !== null));
}

function jsonLdImage(node: Record<string, unknown> | undefined): string | null {
  const image = node?.['image'];
  if (typeof image === 'string') return image;
  if (Array.isArray(image)) return jsonLdImage({ image: image[0] });
  if (isRecord(image)) return jsonLdString(image['url']) ?? jsonLdString(image['@id']);
  return null;
}
