import { decodeHTML, decodeHTMLAttribute } from 'entities';

/** The readable text of an HTML fragment and the images it shows. */
export interface HtmlText {
  /** Paragraphs separated by a blank line, lines within one by `\n`, other whitespace collapsed. */
  readonly text: string;
  /** `src` of each `<img>`, as written (relative URLs unresolved), in document order. */
  readonly images: readonly string[];
}

// Elements that end a paragraph. Lists, tables and line-level elements end a line instead.
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'dialog', 'div', 'dl', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'main', 'nav',
  'ol', 'p', 'pre', 'section', 'summary', 'table', 'ul',
]);
const LINE = new Set(['li', 'dt', 'dd', 'tr', 'caption']);
const CELL = new Set(['td', 'th']);
// Their content is code or markup, never article text (HTML §13.1.2 raw text elements, plus svg).
const SKIPPED_CONTENT = ['script', 'style', 'template', 'noscript', 'svg', 'math', 'iframe', 'object', 'textarea', 'title'];
const SKIPPED_CLOSERS = new Map(SKIPPED_CONTENT.map((name) => [name, new RegExp(`</${name}\\s*>`, 'gi')]));

// HTML in a feed is recognised by HTML's own tags, so a headline about `<etiquetas>` stays text.
const HTML_TAG = new RegExp(
  `</?(?:${[
    'a', 'abbr', 'article', 'aside', 'audio', 'b', 'big', 'blockquote', 'br', 'caption', 'center', 'cite', 'code',
    'dd', 'del', 'details', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'font', 'footer', 'h[1-6]', 'header',
    'hr', 'i', 'iframe', 'img', 'ins', 'li', 'mark', 'noscript', 'ol', 'p', 'picture', 'pre', 'q', 's', 'script',
    'section', 'small', 'source', 'span', 'strike', 'strong', 'style', 'sub', 'sup', 'table', 'tbody', 'td',
    'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'video',
  ].join('|')})(?:[\\s/>]|$)`,
  'i',
);

/** Whether a string holds HTML markup (a known tag), not just a `<` or an unknown `<word>`. */
export function looksLikeHtml(text: string): boolean {
  return HTML_TAG.test(text);
}

/**
 * Convert an HTML fragment (an RSS description, content:encoded, Atom `type="html"`) to plain
 * text. Tolerant like a browser: unknown tags are dropped, a `<` that starts no tag is text,
 * an unterminated tag ends the text. Linear in the input: 2 MB descriptions exist.
 */
export function htmlToText(html: string): HtmlText {
  // A description without markup is plain text, whose blank lines are its paragraphs.
  if (!looksLikeHtml(html)) return { text: plainText(decodeHTML(html)), images: [] };

  const out = new TextLayout();
  const images: string[] = [];
  const length = html.length;
  let i = 0;
  while (i < length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      out.text(decodeHTML(html.slice(i)));
      break;
    }
    if (lt > i) out.text(decodeHTML(html.slice(i, lt)));

    if (html.startsWith('<!--', lt)) {
      i = after(html, '-->', lt + 4);
      continue;
    }
    if (html.startsWith('<![CDATA[', lt)) {
      const end = html.indexOf(']]>', lt + 9);
      out.text(html.slice(lt + 9, end === -1 ? length : end));
      i = end === -1 ? length : end + 3;
      continue;
    }
    const next = html.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      i = after(html, '>', lt + 2);
      continue;
    }
    const closing = next === 0x2f; /* / */
    const nameStart = lt + (closing ? 2 : 1);
    if (!isAsciiLetter(html.charCodeAt(nameStart))) {
      out.text('<');
      i = lt + 1;
      continue;
    }
    let nameEnd = nameStart + 1;
    while (nameEnd < length && isTagNameChar(html.charCodeAt(nameEnd))) nameEnd++;
    const name = html.slice(nameStart, nameEnd).toLowerCase();
    const end = tagEnd(html, nameEnd);
    if (end === -1) break;
    i = end + 1;

    if (BLOCK.has(name)) out.paragraphBreak();
    else if (name === 'br') out.br();
    else if (LINE.has(name)) out.lineBreak();
    else if (CELL.has(name)) out.text(' ');
    else if (name === 'img' && !closing) {
      const src = imageSource(html.slice(nameEnd, end));
      if (src !== null) images.push(src);
    }
    if (!closing) {
      const closer = SKIPPED_CLOSERS.get(name);
      if (closer !== undefined) {
        closer.lastIndex = i;
        const match = closer.exec(html);
        i = match === null ? length : match.index + match[0].length;
      }
    }
  }
  return { text: out.finish(), images };
}

/** Plain text: blank lines separate paragraphs, other whitespace runs become one space. */
export function plainText(text: string): string {
  const paragraphs: string[] = [];
  for (const paragraph of text.split(/\n[^\S\n]*\n\s*/)) {
    const collapsed = collapse(paragraph);
    if (collapsed !== '') paragraphs.push(collapsed);
  }
  return paragraphs.join('\n\n');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function after(html: string, terminator: string, from: number): number {
  const end = html.indexOf(terminator, from);
  return end === -1 ? html.length : end + terminator.length;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isTagNameChar(code: number): boolean {
  return isAsciiLetter(code) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x3a || code === 0x5f;
}

/**
 * The `>` that ends a tag, skipping quoted attribute values (`title="a > b"`). A quote that
 * never closes is not trusted: the first `>` ends the tag, as it would for most writers.
 */
function tagEnd(html: string, from: number): number {
  let quote = 0;
  let previous = 0;
  for (let i = from; i < html.length; i++) {
    const code = html.charCodeAt(i);
    if (quote !== 0) {
      if (code === quote) quote = 0;
      continue;
    }
    if (code === 0x3e /* > */) return i;
    if ((code === 0x22 || code === 0x27) && previous === 0x3d /* = */) quote = code;
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) previous = code;
  }
  return quote === 0 ? -1 : html.indexOf('>', from);
}

const SRC = /(?:^|\s)src\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;
const DIMENSION = /(?:^|\s)(width|height)\s*=\s*["']?\s*(\d+)/gi;

function imageSource(attributes: string): string | null {
  const match = SRC.exec(attributes);
  if (match === null) return null;
  const src = decodeHTMLAttribute(match[1] ?? match[2] ?? match[3] ?? '').trim();
  if (src === '' || /^data:/i.test(src)) return null;
  // 1×1 images are tracking pixels (FeedBurner, analytics), not photographs.
  let tiny = 0;
  for (const dimension of attributes.matchAll(DIMENSION)) if (Number(dimension[2]) <= 1) tiny++;
  return tiny >= 2 ? null : src;
}

/** Lays out text runs into lines and paragraphs. */
class TextLayout {
  private readonly paragraphs: string[] = [];
  private lines: string[] = [];
  private runs: string[] = [];
  /** `<br>`s in a row with nothing but whitespace between them. */
  private breaks = 0;

  text(run: string): void {
    this.runs.push(run);
  }

  /** Two `<br>` in a row end the paragraph: that is how many CMSs write paragraphs. */
  br(): void {
    if (this.endLine()) this.breaks = 1;
    else if (++this.breaks >= 2) this.paragraphBreak();
  }

  lineBreak(): void {
    this.endLine();
    this.breaks = 0;
  }

  paragraphBreak(): void {
    this.endLine();
    this.breaks = 0;
    if (this.lines.length > 0) this.paragraphs.push(this.lines.join('\n'));
    this.lines = [];
  }

  finish(): string {
    this.paragraphBreak();
    return this.paragraphs.join('\n\n');
  }

  private endLine(): boolean {
    if (this.runs.length === 0) return false;
    const line = collapse(this.runs.join(''));
    this.runs = [];
    if (line === '') return false;
    this.lines.push(line);
    return true;
  }
}
