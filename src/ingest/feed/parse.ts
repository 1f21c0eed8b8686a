import { diagnostic, type Diagnostic, type RawItem } from '../../model/index.js';
import type { IngestAdapter, ParseInput } from '../adapter.js';
import { ByteOffsets } from './byte-offsets.js';
import { FeedTextDecoder, type DecodedText } from './encoding.js';
import { FeedReader, NS } from './reader.js';

/** RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 feeds, read as a stream. */
export const feedAdapter: IngestAdapter = {
  format: 'feed',
  detect: detectFeed,
  parse: parseFeed,
};

/**
 * Read a feed as it streams in, one item held at a time. Bad input never throws: it becomes
 * diagnostics, and the items read before the damage still come out. Only a failure of the
 * stream itself (a read error, a download over its size limit) is thrown.
 */
export async function* parseFeed(input: ParseInput): AsyncGenerator<RawItem | Diagnostic, void, undefined> {
  const decoder = new FeedTextDecoder();
  const reader = new FeedReader({ file: input.file, sha256: input.sha256, timezone: input.timezone });
  const feed = (decoded: DecodedText): void => {
    if (reader.offsets === null && decoded.text !== '') reader.offsets = new ByteOffsets(decoder.byteUnit, decoder.bomBytes);
    for (const note of decoder.takeNotes()) reader.add(diagnostic(note.ruleId, note.severity, note.message, input.file, ''));
    if (decoded.firstInvalidAt === null || reader.rejectsAsNotXml(decoded.text)) {
      reader.write(decoded.text);
      return;
    }
    // Read up to the bad bytes first, so that the warning comes after the items before them
    // however the file was cut into chunks.
    const at = decoded.firstInvalidAt;
    reader.write(decoded.text.slice(0, at));
    reportInvalidBytes(reader, { text: decoded.text.slice(at), firstInvalidAt: 0 }, input.file);
    reader.write(decoded.text.slice(at));
  };

  for await (const chunk of input.stream) {
    guarded(reader, () => { feed(decoder.push(chunk)); });
    yield* reader.output.splice(0);
    if (reader.stopped) return;
  }
  guarded(reader, () => {
    feed(decoder.end());
    reader.close();
  });
  yield* reader.output.splice(0);
}

function guarded(reader: FeedReader, step: () => void): void {
  try {
    step();
  } catch (error) {
    reader.fail(error);
  }
}

function reportInvalidBytes(reader: FeedReader, decoded: DecodedText, file: string): void {
  const index = decoded.firstInvalidAt ?? 0;
  const { line, column } = reader.position;
  const offset = reader.written;
  const before = decoded.text.slice(0, index);
  const newlines = before.split('\n').length - 1;
  const at = newlines === 0 ? `${line}:${column + index + 1}` : `${line + newlines}:${index - before.lastIndexOf('\n')}`;
  reader.offsets?.unreliableFrom(offset + index);
  reader.add(
    diagnostic(
      'feed/encoding',
      'warning',
      'the file is not valid UTF-8 from about here: the bad bytes were replaced with U+FFFD. A feed in Latin-1 or Windows-1252 must say so in <?xml … encoding="…"?>',
      file,
      at,
    ),
  );
}

const FEED_EXTENSION = /\.(rss|atom|rdf|feed)$/i;
const XML_EXTENSION = /\.xml$/i;

/**
 * How sure we are that the head of a file is a feed: the root element decides; the extension
 * only tips an undecided head (a long comment or DOCTYPE before the root).
 */
export function detectFeed(head: Uint8Array, fileName: string): number {
  const decoder = new FeedTextDecoder();
  const text = decoder.push(head).text + decoder.end().text;
  const hint = FEED_EXTENSION.test(fileName) ? 0.1 : XML_EXTENSION.test(fileName) ? 0.05 : 0;
  const root = rootStartTag(text);
  if (root === 'not-xml') return 0;
  if (root === null) {
    if (/<(?:\w+:)?rss[\s>]/.test(text) || text.includes(NS.atom) || text.includes(NS.rss1)) return 0.6 + hint;
    return text.trim() === '' ? hint : 0.2 + hint;
  }
  const local = root.name.slice(root.name.indexOf(':') + 1);
  if (local === 'rss') return 0.95;
  if (local === 'feed') return root.tag.includes(NS.atom) ? 0.95 : 0.3 + hint;
  if (local === 'RDF') return text.includes(NS.rss1) ? 0.9 : 0.2 + hint;
  return 0.02;
}

/** The root element's start tag after the prolog, null if the head ends first, or not XML. */
function rootStartTag(text: string): { name: string; tag: string } | null | 'not-xml' {
  let i = 0;
  const skip = (pattern: RegExp): boolean => {
    pattern.lastIndex = i;
    const match = pattern.exec(text);
    if (match === null) return false;
    i = pattern.lastIndex;
    return true;
  };
  const whitespace = /[\s\uFEFF]*/y;
  for (;;) {
    skip(whitespace);
    if (i >= text.length) return null;
    if (text[i] !== '<') return 'not-xml';
    if (text.startsWith('<?', i)) {
      if (!skip(/<\?[\s\S]*?\?>/y)) return null;
    } else if (text.startsWith('<!--', i)) {
      if (!skip(/<!--[\s\S]*?-->/y)) return null;
    } else if (text.startsWith('<!DOCTYPE', i) || text.startsWith('<!doctype', i)) {
      if (!skip(/<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>/iy)) return null;
    } else {
      const match = /<([A-Za-z_][\w.:-]*)([^>]*)>?/y;
      match.lastIndex = i;
      const found = match.exec(text);
      if (found === null) return 'not-xml';
      return { name: found[1] ?? '', tag: found[0] };
    }
  }
}
