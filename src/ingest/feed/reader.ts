import { decodeHTMLStrict } from 'entities';
import { IANAZone } from 'luxon';
import { SaxesParser, type ResolvePrefix, type SaxesTagNS } from 'saxes';
import { diagnostic, type Diagnostic, type RawItem, type Severity } from '../../model/index.js';
import type { ByteOffsets } from './byte-offsets.js';
import { emptyItem, type FeedDialect, type FeedMeta, type ItemDraft, type Located, type Markup, type TextField } from './draft.js';
import { MAX_FIELD_CHARACTERS, readText, singleLine, toRawItem, type FrozenChannel, type MappingContext } from './item.js';
import { resolveUrl, retrievalUrl } from './urls.js';

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  rss1: 'http://purl.org/rss/1.0/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
  georss: 'http://www.georss.org/georss',
  geo: 'http://www.w3.org/2003/01/geo/wgs84_pos#',
  gml: 'http://www.opengis.net/gml',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

// Media RSS is often declared without its trailing slash; both name the same vocabulary.
const MEDIA_NAMESPACES = new Set([NS.media, 'http://search.yahoo.com/mrss']);

/** Prefixes feeds use without declaring them, read as the vocabulary everyone means by them. */
const CONVENTIONAL_PREFIXES: Readonly<Record<string, string>> = {
  atom: NS.atom,
  content: NS.content,
  dc: NS.dc,
  media: NS.media,
  georss: NS.georss,
  geo: NS.geo,
  gml: NS.gml,
  rdf: NS.rdf,
  dcterms: 'http://purl.org/dc/terms/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  slash: 'http://purl.org/rss/1.0/modules/slash/',
  wfw: 'http://wellformedweb.org/CommentAPI/',
  sy: 'http://purl.org/rss/1.0/modules/syndication/',
};

const AFTER_ANCHOR_CHARACTERS = 1024;
/** Characters looked at to say what a file that is not XML looks like. */
const NOT_XML_SAMPLE = 64;
// An `&` that does not begin an entity or character reference (XML 1.0 §4.1).
const BARE_AMPERSAND = /&(?!#[0-9]+;|#x[0-9a-fA-F]+;|[A-Za-z_:][\w.:-]*;)/;
// XML 1.0 §2.3 S.
const NOT_XML_SPACE = /[^ \t\r\n]/;

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

export interface FeedReaderOptions {
  readonly file: string;
  readonly sha256: string | null;
  readonly timezone: string;
}

interface ParserOptions {
  xmlns: true;
  position: true;
  resolvePrefix: ResolvePrefix;
}

interface Frame {
  readonly name: string;
  readonly uri: string;
  readonly local: string;
  /** xml:base in scope, absolute, or null. */
  readonly base: string | null;
  readonly lang: string | null;
}

/** Where a parser event ended: the next event's text starts here. */
interface Anchor {
  readonly position: number;
  readonly line: number;
  /** From 0, as saxes counts it: the column of the character after the event. */
  readonly column: number;
  /**
   * The event was text, which saxes reports on reaching the `<` after it: the anchor is just
   * past that `<`.
   */
  readonly afterLessThan: boolean;
  /** The first characters written after the anchor in earlier chunks. */
  earlier: string;
}

/** Text being collected for one element, with any markup inside it re-serialised. */
class FieldText {
  private readonly parts: string[] = [];
  private size = 0;
  oversized = false;

  constructor(
    readonly depth: number,
    readonly markup: Markup,
    readonly finish: (value: string, oversized: boolean) => void,
  ) {}

  text(text: string): void {
    this.add(this.markup === 'xhtml' ? escapeHtmlText(text) : text);
  }

  open(tag: SaxesTagNS): void {
    if (this.markup === 'text') return;
    let html = `<${tag.local}`;
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
      html += ` ${attribute.local}="${escapeHtmlAttribute(attribute.value)}"`;
    }
    this.add(`${html}>`);
  }

  close(tag: SaxesTagNS): void {
    if (this.markup !== 'text' && !VOID_ELEMENTS.has(tag.local)) this.add(`</${tag.local}>`);
  }

  value(): string {
    return this.parts.join('');
  }

  private add(text: string): void {
    if (this.oversized) return;
    if (this.size + text.length > MAX_FIELD_CHARACTERS) {
      this.parts.push(text.slice(0, MAX_FIELD_CHARACTERS - this.size));
      this.oversized = true;
      return;
    }
    this.parts.push(text);
    this.size += text.length;
  }
}

/**
 * Reads RSS 2.0, RSS 1.0 and Atom 1.0 from decoded text, written to it chunk by chunk, and
 * collects RawItems and diagnostics in `output` as items close. Only the item being read is
 * held. saxes carries on after an error but may misread what follows, so the first real
 * well-formedness error ends the reading: items before it stand, the item it cuts is dropped.
 */
export class FeedReader {
  readonly output: (RawItem | Diagnostic)[] = [];
  /** Nothing more will be read: a fatal error, or the file is not a feed. */
  stopped = false;
  offsets: ByteOffsets | null = null;

  private readonly parser: SaxesParser<ParserOptions>;
  private readonly file: string;
  private readonly sha256: string | null;
  private readonly timezone: string;
  private readonly documentBase: string | null;
  private readonly stack: Frame[] = [];
  private readonly reported = new Set<string>();
  private dialect: FeedDialect | null = null;
  private coreNamespace = '';
  private channelDepth = 0;
  private readonly feed: FeedMeta = { title: null, link: null, selfLink: null, atomId: null, about: null, language: null, authors: [] };
  private channel: FrozenChannel | null = null;
  private item: ItemDraft | null = null;
  private field: FieldText | null = null;
  private itemsSeen = 0;
  private itemsRead = 0;
  private rootClosed = false;
  private closing = false;
  private sawContent = false;
  private charactersSeen = 0;
  // Where the last event ended: the `<` of the next start tag is there, or just before it when
  // that event was text. With the text being written and where it starts, enough to point at a
  // bare `&`, which saxes reads as the start of an entity running to the next `;`, however far.
  private anchor: Anchor = { position: 0, line: 1, column: 0, afterLessThan: false, earlier: '' };
  /** The anchor before the last text event: where that text starts. */
  private textStart: Anchor = this.anchor;
  private chunk = '';
  private chunkStart = 0;
  private charactersWritten = 0;
  /**
   * A close tag not yet acted on. saxes pops the elements a mismatched close tag skips over and
   * reports each as closed before it reports the error, so a close tag is only acted on at the
   * next event, once it is known not to be one of those.
   */
  private pendingClose: { readonly tag: SaxesTagNS; readonly end: number } | null = null;
  /** The first characters of a file that does not start with `<`, gathered across chunks. */
  private notXmlHead: string | null = null;

  constructor(options: FeedReaderOptions) {
    this.file = options.file;
    this.sha256 = options.sha256;
    this.documentBase = retrievalUrl(options.file);
    if (IANAZone.isValidZone(options.timezone)) this.timezone = options.timezone;
    else {
      this.timezone = 'UTC';
      this.report('feed/invalid-timezone', 'error', `the case timezone "${options.timezone}" is not an IANA zone; dates without an offset are read as UTC`, '');
    }
    const parser = new SaxesParser<ParserOptions>({
      xmlns: true,
      position: true,
      resolvePrefix: (prefix: string) => this.resolveUndeclaredPrefix(prefix),
    });
    this.parser = parser;
    parser.ENTITIES = this.entitiesWithHtml(parser.ENTITIES);
    parser.on('opentag', (tag) => {
      this.settleClose();
      if (!this.stopped) this.onOpenTag(tag);
      this.markAnchor(false);
    });
    parser.on('closetag', (tag) => {
      this.settleClose();
      if (!this.stopped) this.pendingClose = { tag, end: parser.position };
      this.markAnchor(false);
    });
    parser.on('text', (text) => {
      this.settleClose();
      if (!this.stopped) this.field?.text(text);
      this.textStart = this.anchor;
      this.markAnchor(true);
    });
    parser.on('cdata', (text) => {
      this.settleClose();
      // CDATA is character data: in an HTML field it is HTML source, in XHTML it is text.
      if (!this.stopped) this.field?.text(text);
      this.markAnchor(false);
    });
    parser.on('comment', () => {
      this.settleClose();
      // saxes reports a comment at its `--`, before the `>` that must follow.
      this.markAnchor(false, 1);
    });
    for (const event of ['processinginstruction', 'xmldecl', 'doctype'] as const) {
      parser.on(event, () => {
        this.settleClose();
        this.markAnchor(false);
      });
    }
    parser.on('error', (error) => {
      // The element a mismatched close tag was taken to close is still open: the item it cuts
      // is dropped, and a root it skipped over was never closed.
      if (error.message.endsWith('unexpected close tag.')) this.pendingClose = null;
      else this.settleClose();
      this.onError(error);
    });
  }

  /** Characters handed to the parser so far (saxes's own count can lag behind between writes). */
  get written(): number {
    return this.charactersWritten;
  }

  /** The parser's position: the next character, `line` from 1, `column` from 0. */
  get position(): { readonly line: number; readonly column: number; readonly offset: number } {
    return { line: this.parser.line, column: this.parser.column, offset: this.parser.position };
  }

  write(text: string): void {
    if (this.stopped || text === '') return;
    this.charactersSeen += text.length;
    if (this.notXmlHead !== null) {
      this.collectNotXml(text);
      return;
    }
    if (!this.sawContent) {
      const start = text.search(/\S/);
      if (start !== -1) {
        this.sawContent = true;
        if (text[start] !== '<') {
          this.notXmlHead = '';
          this.collectNotXml(text.slice(start));
          return;
        }
      }
    }
    this.offsets?.append(text);
    // Count what was written ourselves: between writes saxes's `position` can still lag behind
    // the last chunk, which would shift every location found in the next one.
    this.chunk = text;
    this.chunkStart = this.charactersWritten;
    this.charactersWritten += text.length;
    this.parser.write(text);
    this.settleClose();
    this.anchor.earlier = this.textAfter(this.anchor, this.charactersWritten);
    this.chunk = '';
    this.chunkStart = this.charactersWritten;
    this.offsets?.trim();
  }

  /** Whether `write(text)` would reject the file as not XML; nothing else about it matters then. */
  rejectsAsNotXml(text: string): boolean {
    if (this.notXmlHead !== null) return true;
    if (this.sawContent) return false;
    const start = text.search(/\S/);
    return start !== -1 && text[start] !== '<';
  }

  close(): void {
    if (this.stopped) return;
    if (this.notXmlHead !== null) {
      this.notXml(this.notXmlHead);
      return;
    }
    if (!this.sawContent) {
      this.reportAndStop('feed/empty-file', 'error', this.charactersSeen === 0 ? 'the file is empty' : 'the file holds only whitespace', '');
      return;
    }
    this.closing = true;
    this.parser.close();
    this.settleClose();
    // Not for a file cut short: that stopped the reading, and nothing is reported after.
    if (this.dialect !== null && this.itemsSeen === 0) {
      this.report('feed/empty', 'warning', `the ${describeDialect(this.dialect)} has no items`, '');
    }
    this.stopped = true;
  }

  /** A diagnostic found outside the XML (the decoder's), in stream order with the rest. */
  add(found: Diagnostic): void {
    if (!this.stopped) this.output.push(found);
  }

  /** This reader failed on its own (a bug): say so as a diagnostic, never as a crash of the run. */
  fail(error: unknown): void {
    this.pendingClose = null;
    const message = error instanceof Error ? error.message : String(error);
    this.reportAndStop(
      'feed/internal-error',
      'error',
      `the feed reader failed on this input and stopped (please report it with the file): ${message}`,
      `${this.parser.line}:${this.parser.column}`,
    );
  }

  /** `ahead`: characters on the same line between the parser's position and the event's end. */
  private markAnchor(afterLessThan: boolean, ahead = 0): void {
    const { position, line, column } = this.parser;
    this.anchor = { position: position + ahead, line, column: column + ahead, afterLessThan, earlier: '' };
  }

  /**
   * The text from `anchor` up to `end`, at most AFTER_ANCHOR_CHARACTERS of it. Never past the
   * parser's position: what follows in the chunk is not read yet, and when it is read depends
   * on where the chunk ends.
   */
  private textAfter(anchor: Anchor, end: number): string {
    const until = Math.min(end, anchor.position + AFTER_ANCHOR_CHARACTERS) - this.chunkStart;
    if (anchor.position >= this.chunkStart) return this.chunk.slice(anchor.position - this.chunkStart, Math.max(0, until));
    return anchor.earlier + this.chunk.slice(0, Math.max(0, until));
  }

  /** `line:col` of a bare `&` read since the last event, if there is one. */
  private bareAmpersand(): string | null {
    const text = this.textAfter(this.anchor, this.parser.position);
    const match = BARE_AMPERSAND.exec(text);
    return match === null ? null : locate(this.anchor, text, match.index);
  }

  /**
   * `line:col` of the first character that is not whitespace in text outside the root element.
   * saxes reports such text when the run of it ends, at the next `<` or the end of the chunk,
   * so its own position depends on the chunking; where the text starts does not.
   */
  private strayTextStart(): string {
    const position = this.parser.position;
    // The text already came out as an event when saxes reached the `<` after it.
    const anchor = this.anchor.afterLessThan && this.anchor.position === position ? this.textStart : this.anchor;
    const text = this.textAfter(anchor, position);
    return locate(anchor, text, Math.max(0, text.search(NOT_XML_SPACE)));
  }

  /** `line:col` (both from 1) and text position of the `<` of the start tag being opened. */
  private tagStart(): { at: string; position: number } {
    const { position, line, column, afterLessThan } = this.anchor;
    if (afterLessThan) return { at: `${line}:${column}`, position: position - 1 };
    return { at: `${line}:${column + 1}`, position };
  }

  /** Act on the close tag saxes reported last, now that no error about it followed. */
  private settleClose(): void {
    const pending = this.pendingClose;
    if (pending === null) return;
    this.pendingClose = null;
    if (!this.stopped) this.onCloseTag(pending);
  }

  private onOpenTag(tag: SaxesTagNS): void {
    const parent = this.stack[this.stack.length - 1];
    const xmlBase = attribute(tag, NS.xml, 'base');
    const xmlLang = attribute(tag, NS.xml, 'lang');
    const frame: Frame = {
      name: tag.name,
      uri: tag.uri,
      local: tag.local,
      base: xmlBase === null ? (parent?.base ?? this.documentBase) : this.resolveBase(xmlBase, parent?.base ?? this.documentBase),
      lang: xmlLang === null ? (parent?.lang ?? null) : xmlLang.trim() === '' ? null : xmlLang.trim(),
    };
    this.stack.push(frame);
    const depth = this.stack.length;

    if (this.field !== null) {
      this.field.open(tag);
      return;
    }
    if (depth === 1) {
      this.openRoot(tag);
      return;
    }
    if (this.item !== null) {
      this.openInItem(frame, tag, depth);
      return;
    }
    if (this.isItemStart(frame, depth)) {
      this.startItem(frame, tag, depth);
      return;
    }
    if (this.dialect !== 'atom' && depth === 2 && frame.local === 'channel' && frame.uri === this.coreNamespace) {
      this.channelDepth = 2;
      this.feed.about = attribute(tag, NS.rdf, 'about');
      return;
    }
    if (this.channelDepth !== 0 && depth === this.channelDepth + 1) this.openInChannel(frame, tag, depth);
    else if (this.dialect === 'atom' && depth === 3 && this.stack[1]?.local === 'author' && frame.uri === NS.atom && frame.local === 'name') {
      this.collect(depth, 'text', (value) => { pushName(this.feed.authors, value); });
    }
  }

  private onCloseTag({ tag, end }: { readonly tag: SaxesTagNS; readonly end: number }): void {
    const depth = this.stack.length;
    if (this.field !== null) {
      if (this.field.depth === depth) {
        const field = this.field;
        this.field = null;
        field.finish(field.value(), field.oversized);
      } else this.field.close(tag);
    }
    if (this.item !== null && this.item.depth === depth) this.finishItem(end);
    if (depth === 1) this.rootClosed = true;
    this.stack.pop();
  }

  private openRoot(tag: SaxesTagNS): void {
    if (tag.local === 'rss') {
      this.dialect = 'rss';
      this.coreNamespace = tag.uri;
    } else if (tag.local === 'feed' && tag.uri === NS.atom) {
      this.dialect = 'atom';
      this.coreNamespace = NS.atom;
      this.channelDepth = 1;
    } else if (tag.local === 'RDF' && tag.uri === NS.rdf) {
      this.dialect = 'rdf';
      this.coreNamespace = NS.rss1;
    } else {
      this.reportAndStop('feed/not-a-feed', 'error', notAFeedMessage(tag), this.tagStart().at);
    }
  }

  private isItemStart(frame: Frame, depth: number): boolean {
    if (frame.uri !== this.coreNamespace) return false;
    if (this.dialect === 'rss') return depth === 3 && frame.local === 'item' && this.stack[1]?.local === 'channel';
    if (this.dialect === 'atom') return depth === 2 && frame.local === 'entry';
    return depth === 2 && frame.local === 'item';
  }

  private openInChannel(frame: Frame, tag: SaxesTagNS, depth: number): void {
    const { uri, local } = frame;
    const at = this.tagStart().at;
    const feed = this.feed;
    if (uri === this.coreNamespace) {
      switch (local) {
        case 'title':
          this.collect(depth, this.textMarkup(tag), (value) => (feed.title = { value, markup: this.textMarkup(tag), at, base: frame.base }));
          return;
        case 'link':
          if (this.dialect === 'atom') this.channelAtomLink(tag, frame, at);
          else this.collect(depth, 'text', (value) => (feed.link ??= value.trim() === '' ? null : { value, at, base: frame.base }));
          return;
        case 'language':
          this.collect(depth, 'text', (value) => (feed.language ??= value.trim() || null));
          return;
        case 'id':
          if (this.dialect === 'atom') this.collect(depth, 'text', (value) => (feed.atomId ??= value.trim() || null));
          return;
        default:
          return;
      }
    }
    if (uri === NS.atom && local === 'link') this.channelAtomLink(tag, frame, at);
    else if (uri === NS.dc && local === 'language') this.collect(depth, 'text', (value) => (feed.language ??= value.trim() || null));
  }

  private channelAtomLink(tag: SaxesTagNS, frame: Frame, at: string): void {
    const href = attribute(tag, '', 'href');
    if (href === null) return;
    const rel = attribute(tag, '', 'rel')?.trim() ?? 'alternate';
    if (rel === 'self') this.feed.selfLink ??= { value: href, at, base: frame.base };
    else if (rel === 'alternate') this.feed.link ??= { value: href, at, base: frame.base };
  }

  private startItem(frame: Frame, tag: SaxesTagNS, depth: number): void {
    this.channel ??= this.freezeChannel();
    this.itemsSeen++;
    const start = this.tagStart();
    this.item = emptyItem(start.at, depth, frame.base, frame.lang, this.offsets?.byteAt(start.position) ?? null);
    if (this.dialect === 'rdf') this.item.about = attribute(tag, NS.rdf, 'about');
  }

  /** `end`: the text position just after the item's end tag. */
  private finishItem(end: number): void {
    const draft = this.item;
    const channel = this.channel;
    this.item = null;
    if (draft === null || channel === null) return;
    const endByte = this.offsets?.byteAt(end) ?? null;
    const span = { offset: draft.startByte, length: draft.startByte !== null && endByte !== null ? endByte - draft.startByte : null };
    const rawItem = toRawItem(draft, span, this.mappingContext(channel));
    if (rawItem === null) return;
    this.itemsRead++;
    this.output.push(rawItem);
  }

  private openInItem(frame: Frame, tag: SaxesTagNS, depth: number): void {
    const item = this.item;
    if (item === null) return;
    const { uri, local } = frame;
    const at = this.tagStart().at;
    const base = frame.base;

    // Extension vocabularies count wherever they sit in the item (media:group, geo:Point).
    if (MEDIA_NAMESPACES.has(uri)) {
      if (local === 'content' || local === 'thumbnail') {
        const url = attribute(tag, '', 'url');
        if (url !== null) {
          item.media.push({
            element: local === 'content' ? 'media-content' : 'media-thumbnail',
            value: url,
            at,
            base,
            type: attribute(tag, '', 'type'),
            medium: attribute(tag, '', 'medium'),
            length: attribute(tag, '', 'fileSize'),
            width: attribute(tag, '', 'width'),
            height: attribute(tag, '', 'height'),
          });
        }
      }
      return;
    }
    if ((uri === NS.georss && local === 'point') || (uri === NS.gml && local === 'pos')) {
      this.collect(depth, 'text', (value) => (item.point ??= { value, at }));
      return;
    }
    if (uri === NS.geo && (local === 'lat' || local === 'long')) {
      this.collect(depth, 'text', (value) => {
        if (local === 'lat') item.lat ??= { value, at };
        else item.long ??= { value, at };
      });
      return;
    }

    const direct = depth === item.depth + 1;
    if (!direct) {
      this.openInAtomContainer(frame, tag, depth, at);
      return;
    }
    if (uri === NS.dc) {
      if (local === 'creator') this.collect(depth, 'text', (value) => { pushName(item.creators, value); });
      else if (local === 'date') this.collect(depth, 'text', (value) => (item.dcDate ??= { value, at }));
      else if (local === 'subject') this.collect(depth, 'text', (value) => item.categories.push(value));
      else if (local === 'language') this.collect(depth, 'text', (value) => (item.language ??= value.trim() || null));
      return;
    }
    if (uri === NS.content && local === 'encoded') {
      this.collectText(depth, 'html', at, base, (field) => (item.content ??= field));
      return;
    }
    if (uri !== this.coreNamespace) return;
    if (this.dialect === 'atom') this.openAtomEntryChild(frame, tag, depth, at);
    else this.openRssItemChild(frame, tag, depth, at);
  }

  private openRssItemChild(frame: Frame, tag: SaxesTagNS, depth: number, at: string): void {
    const item = this.item;
    if (item === null) return;
    const base = frame.base;
    switch (frame.local) {
      case 'title':
        this.collectText(depth, 'html', at, base, (field) => (item.title ??= field));
        return;
      case 'link':
        this.collect(depth, 'text', (value) => {
          if (value.trim() !== '') item.links.push({ value, at, base, rel: 'alternate', type: null, length: null });
        });
        return;
      case 'description':
        this.collectText(depth, 'html', at, base, (field) => (item.description ??= field));
        return;
      case 'author':
        this.collect(depth, 'text', (value) => (item.rssAuthor ??= value));
        return;
      case 'category':
        this.collect(depth, 'text', (value) => item.categories.push(value));
        return;
      case 'comments':
        this.collect(depth, 'text', (value) => (item.comments ??= { value, at, base }));
        return;
      case 'guid': {
        // RSS 2.0: isPermaLink defaults to true.
        const isPermaLink = attribute(tag, '', 'isPermaLink')?.trim().toLowerCase() !== 'false';
        this.collect(depth, 'text', (value) => (item.guid ??= { value, at, isPermaLink }));
        return;
      }
      case 'pubDate':
        this.collect(depth, 'text', (value) => (item.published ??= nonBlank(value, at)));
        return;
      case 'source': {
        const url = attribute(tag, '', 'url');
        this.collect(depth, 'text', (value) => (item.source ??= { name: value, url: url === null ? null : { value: url, at, base }, id: null }));
        return;
      }
      case 'enclosure': {
        const url = attribute(tag, '', 'url');
        if (url === null) {
          this.report('feed/invalid-url', 'warning', 'an enclosure without a url attribute was left out', at);
          return;
        }
        item.media.push({
          element: 'enclosure',
          value: url,
          at,
          base,
          type: attribute(tag, '', 'type'),
          medium: null,
          length: attribute(tag, '', 'length'),
          width: null,
          height: null,
        });
        return;
      }
      default:
        return;
    }
  }

  private openAtomEntryChild(frame: Frame, tag: SaxesTagNS, depth: number, at: string): void {
    const item = this.item;
    if (item === null) return;
    const base = frame.base;
    switch (frame.local) {
      case 'id':
        this.collect(depth, 'text', (value) => (item.atomId ??= { value, at }));
        return;
      case 'title':
        this.collectText(depth, this.textMarkup(tag), at, base, (field) => (item.title ??= field));
        return;
      case 'summary':
        this.collectText(depth, this.textMarkup(tag), at, base, (field) => (item.description ??= field));
        return;
      case 'content': {
        const markup = this.contentMarkup(tag);
        // Out-of-line (`src`) and base64 content are not article text.
        if (markup !== null && attribute(tag, '', 'src') === null) this.collectText(depth, markup, at, base, (field) => (item.content ??= field));
        return;
      }
      case 'published':
        this.collect(depth, 'text', (value) => (item.published ??= nonBlank(value, at)));
        return;
      case 'updated':
        this.collect(depth, 'text', (value) => (item.updated ??= nonBlank(value, at)));
        return;
      case 'link': {
        const href = attribute(tag, '', 'href');
        if (href === null) return;
        const rel = attribute(tag, '', 'rel')?.trim() || 'alternate';
        const type = attribute(tag, '', 'type');
        const length = attribute(tag, '', 'length');
        if (rel === 'enclosure') {
          item.media.push({ element: 'enclosure', value: href, at, base, type, medium: null, length, width: null, height: null });
        } else item.links.push({ value: href, at, base, rel, type, length });
        return;
      }
      case 'category': {
        const term = attribute(tag, '', 'term') ?? attribute(tag, '', 'label');
        if (term !== null) item.categories.push(term);
        return;
      }
      case 'source':
        item.source ??= { name: null, url: null, id: null };
        return;
      default:
        return;
    }
  }

  /** Atom `entry/author/name` and `entry/source/{title,id,link}`. */
  private openInAtomContainer(frame: Frame, tag: SaxesTagNS, depth: number, at: string): void {
    const item = this.item;
    const container = this.stack[depth - 2];
    if (item === null || this.dialect !== 'atom' || frame.uri !== NS.atom || container?.uri !== NS.atom || depth !== item.depth + 2) return;
    if (container.local === 'author' && frame.local === 'name') {
      this.collect(depth, 'text', (value) => { pushName(item.creators, value); });
      return;
    }
    const source = item.source;
    if (container.local !== 'source' || source === null) return;
    if (frame.local === 'title') this.collect(depth, this.textMarkup(tag), (value) => (source.name ??= value));
    else if (frame.local === 'id') this.collect(depth, 'text', (value) => (source.id ??= value));
    else if (frame.local === 'link') {
      const href = attribute(tag, '', 'href');
      const rel = attribute(tag, '', 'rel')?.trim() || 'alternate';
      if (href !== null && rel === 'alternate') source.url ??= { value: href, at, base: frame.base };
    }
  }

  /** Atom text constructs (RFC 4287 §3.1): `type` is text (default), html or xhtml. */
  private textMarkup(tag: SaxesTagNS): Markup {
    if (this.dialect !== 'atom') return 'html';
    const type = attribute(tag, '', 'type')?.trim().toLowerCase();
    return type === 'html' ? 'html' : type === 'xhtml' ? 'xhtml' : 'text';
  }

  /** Atom content (RFC 4287 §4.1.3): a text construct type or a media type; null for base64. */
  private contentMarkup(tag: SaxesTagNS): Markup | null {
    const type = attribute(tag, '', 'type')?.trim().toLowerCase() ?? 'text';
    if (type === 'text' || type === 'html' || type === 'xhtml') return this.textMarkup(tag);
    if (type === 'text/html') return 'html';
    if (type.startsWith('text/') || type.endsWith('+xml') || type.endsWith('/xml')) return 'text';
    return null;
  }

  private collect(depth: number, markup: Markup, finish: (value: string) => void): void {
    this.field = new FieldText(depth, markup, (value, oversized) => {
      if (oversized && this.item !== null) this.item.oversized = true;
      finish(value);
    });
  }

  private collectText(depth: number, markup: Markup, at: string, base: string | null, finish: (field: TextField) => void): void {
    this.collect(depth, markup, (value) => { finish({ value, markup, at, base }); });
  }

  private freezeChannel(): FrozenChannel {
    const dialect = this.dialect ?? 'rss';
    const feed = this.feed;
    const resolveMeta = (ref: FeedMeta['link']): string | null => {
      if (ref === null) return null;
      const resolved = resolveUrl(ref.value, ref.base);
      if ('url' in resolved) return resolved.url;
      this.report('feed/invalid-url', 'warning', `the feed's link was left out: ${resolved.problem}`, ref.at);
      return null;
    };
    const link = resolveMeta(feed.link);
    const self = resolveMeta(feed.selfLink);
    // Atom ids are permanent by definition (RFC 4287 §4.2.6); a feed's URL can move.
    const id = (dialect === 'atom' ? feed.atomId : null) ?? self ?? (dialect === 'rdf' ? feed.about : null) ?? link ?? this.file;
    const name = feed.title === null ? null : singleLine(readText(feed.title, this.onceReporter()).text);
    return {
      channel: { id, name, type: dialect },
      dialect,
      link,
      language: feed.language ?? this.stack[0]?.lang ?? null,
      authors: [...feed.authors],
    };
  }

  private mappingContext(channel: FrozenChannel): MappingContext {
    return {
      file: this.file,
      sha256: this.sha256,
      timezone: this.timezone,
      channel,
      report: (ruleId, severity, message, location) => { this.report(ruleId, severity, message, location); },
      reportOnce: this.onceReporter().reportOnce,
    };
  }

  private onceReporter(): Pick<MappingContext, 'reportOnce'> {
    return {
      reportOnce: (ruleId, severity, message, location) => { this.reportOnce(ruleId, ruleId, severity, message, location); },
    };
  }

  private resolveBase(xmlBase: string, parentBase: string | null): string | null {
    const resolved = resolveUrl(xmlBase, parentBase);
    if ('url' in resolved) return resolved.url;
    this.report('feed/invalid-url', 'warning', `xml:base was ignored: ${resolved.problem}`, this.tagStart().at);
    return parentBase;
  }

  private onError(error: Error): void {
    if (this.stopped) return;
    const message = error.message.replace(/^\d+:\d+: /, '');
    const at = message === 'text data outside of root node.' ? this.strayTextStart() : `${this.parser.line}:${this.parser.column}`;
    // Errors after which saxes still reads the structure right: note them and read on.
    if (message === 'undefined entity.') {
      this.reportOnce('undefined-entity', 'feed/undefined-entity', 'warning', 'an entity that neither XML nor HTML defines was kept as written (first here)', at);
      return;
    }
    if (message.startsWith('the string "]]>" is disallowed')) {
      this.reportOnce('cdata-end', 'feed/cdata-end-in-text', 'warning', '"]]>" appears in text, which XML forbids; kept as text (first here)', at);
      return;
    }
    if (message.startsWith('an XML declaration must be at the start') && this.stack.length === 0) {
      this.reportOnce('declaration', 'feed/xml-declaration-not-first', 'warning', 'something (often a blank line from the CMS) comes before <?xml …?>; read anyway', at);
      return;
    }
    if (this.rootClosed) {
      this.reportAndStop(
        'feed/trailing-content',
        'warning',
        `content after the end of the feed was ignored (often an error message the server appended)`,
        at,
      );
      return;
    }
    const cut = this.item === null ? '' : ` The item that starts at ${this.item.at} is incomplete and was skipped.`;
    const before = this.itemsRead === 0 ? '' : ` The ${this.itemsRead} item${this.itemsRead === 1 ? '' : 's'} before it ${this.itemsRead === 1 ? 'was' : 'were'} read.`;
    const ampersand = this.closing || message.includes('entity') ? this.bareAmpersand() : null;
    if (ampersand !== null) {
      this.reportAndStop(
        'feed/malformed-xml',
        'error',
        `the XML is malformed here: an "&" that starts no entity (it must be written &amp;); reading stopped.${cut}${before}`,
        ampersand,
      );
      return;
    }
    if (this.closing) {
      const open = this.stack.map((frame) => `</${frame.name}>`).reverse().join('');
      const ending = open === '' ? 'before its root element' : `before ${open}`;
      this.reportAndStop('feed/truncated', 'error', `the file ends ${ending}: it looks cut off.${cut}${before}`, at);
      return;
    }
    this.reportAndStop('feed/malformed-xml', 'error', `the XML is malformed here: ${explainXmlError(message)}; reading stopped.${cut}${before}`, at);
  }

  /** Gather the head of a file that is not XML until there is enough to describe it. */
  private collectNotXml(text: string): void {
    this.notXmlHead = (this.notXmlHead ?? '') + text.slice(0, NOT_XML_SAMPLE);
    if (this.notXmlHead.length >= NOT_XML_SAMPLE) this.notXml(this.notXmlHead);
  }

  private notXml(start: string): void {
    const sample = JSON.stringify(start.slice(0, 16));
    // eslint-disable-next-line no-control-regex -- control characters are what binary data shows
    const binary = /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(start.slice(0, NOT_XML_SAMPLE));
    const hint = binary ? ' (it looks like binary data: an image, an archive or a compressed download)' : /^[[{]/.test(start) ? ' (it looks like JSON)' : '';
    this.reportAndStop('feed/not-xml', 'error', `the file is not XML: it starts with ${sample}${hint}`, '1:1');
  }

  private resolveUndeclaredPrefix(prefix: string): string | undefined {
    if (prefix === '') return undefined;
    this.settleClose();
    const conventional = CONVENTIONAL_PREFIXES[prefix];
    const at = `${this.parser.line}:${this.parser.column}`;
    this.reportOnce(
      `prefix:${prefix}`,
      'feed/undeclared-prefix',
      'warning',
      conventional === undefined
        ? `the prefix "${prefix}:" is used without an xmlns:${prefix} declaration; its elements are ignored`
        : `the prefix "${prefix}:" is used without an xmlns:${prefix} declaration; read as ${conventional}`,
      at,
    );
    // Any answer keeps saxes reading; an unknown prefix gets a namespace nothing here matches.
    return conventional ?? `urn:corroborate:undeclared:${prefix}`;
  }

  /** XML defines five entities; feeds written by HTML templates use `&nbsp;`, `&eacute;` and the rest. */
  private entitiesWithHtml(xmlEntities: Record<string, string>): Record<string, string> {
    return new Proxy(xmlEntities, {
      get: (target, name) => {
        if (typeof name !== 'string') return undefined;
        const defined = target[name];
        if (defined !== undefined) return defined;
        const reference = `&${name};`;
        const decoded = decodeHTMLStrict(reference);
        if (decoded === reference) return undefined;
        this.settleClose();
        this.reportOnce(
          'html-entity',
          'feed/html-entity',
          'info',
          `the feed uses the HTML entity ${reference}, which XML does not define; read as HTML would (first here)`,
          `${this.parser.line}:${this.parser.column}`,
        );
        return decoded;
      },
    });
  }

  /**
   * Nothing is reported once reading has stopped: saxes reads on to the end of the chunk being
   * written, and what it finds there depends on where the chunk ends.
   */
  private report(ruleId: string, severity: Severity, message: string, location: string): void {
    if (this.stopped) return;
    this.output.push(diagnostic(ruleId, severity, message, this.file, location));
  }

  private reportAndStop(ruleId: string, severity: Severity, message: string, location: string): void {
    this.report(ruleId, severity, message, location);
    this.stopped = true;
  }

  private reportOnce(key: string, ruleId: string, severity: Severity, message: string, location: string): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.report(ruleId, severity, message, location);
  }
}

/** `line:col` (both from 1) of `text[index]`, where `text` starts at `anchor`. */
function locate(anchor: Anchor, text: string, index: number): string {
  const before = text.slice(0, index);
  const newlines = before.split(/\r\n?|\n/).length - 1;
  if (newlines === 0) return `${anchor.line}:${anchor.column + index + 1}`;
  const lastNewline = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return `${anchor.line + newlines}:${index - lastNewline}`;
}

function attribute(tag: SaxesTagNS, uri: string, local: string): string | null {
  for (const candidate of Object.values(tag.attributes)) {
    if (candidate.local === local && candidate.uri === uri) return candidate.value;
  }
  return null;
}

function nonBlank(value: string, at: string): Located | null {
  return value.trim() === '' ? null : { value, at };
}

function pushName(names: string[], value: string): void {
  const name = value.trim();
  if (name !== '') names.push(name);
}

function escapeHtmlText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function escapeHtmlAttribute(text: string): string {
  return escapeHtmlText(text).replaceAll('"', '&quot;');
}

function describeDialect(dialect: FeedDialect): string {
  return dialect === 'atom' ? 'Atom feed' : dialect === 'rdf' ? 'RSS 1.0 feed' : 'RSS feed';
}

function notAFeedMessage(tag: SaxesTagNS): string {
  const root = `the root element is <${tag.name}>${tag.uri === '' ? '' : ` (${tag.uri})`}, not RSS <rss>, Atom 1.0 <feed> or RSS 1.0 <rdf:RDF>`;
  if (tag.local === 'feed' && tag.uri === 'http://purl.org/atom/ns#') return `${root}: this is Atom 0.3, which this reader does not read`;
  if (tag.local.toLowerCase() === 'html') {
    return `${root}: this is a web page; its feed, if any, is named in a <link rel="alternate" type="application/rss+xml"> in its <head>`;
  }
  if (tag.local === 'urlset' || tag.local === 'sitemapindex') return `${root}: this is a sitemap`;
  return root;
}

function explainXmlError(message: string): string {
  const text = message.replace(/\.$/, '');
  if (text === 'disallowed character in entity name' || text === 'empty entity name') {
    return `${text} (an "&" that does not start an entity: write it as &amp;)`;
  }
  if (text === 'disallowed character') return `${text} (a control character or a byte XML does not allow)`;
  return text;
}
