/**
 * The text as near-duplicate matching reads it. Kept in this folder as one function so that the
 * shared normaliser (src/analyze/normalize.ts) can take its place when it lands.
 */
export interface FoldedText {
  /** Content words, NFKC, lower-cased, accents removed, letters repeated 3+ times squeezed to one. */
  readonly words: readonly string[];
  /** The words joined by single spaces: what exact matching hashes. */
  readonly text: string;
  readonly urls: readonly string[];
  /** `@handle`, lower-cased, without the `@`. */
  readonly handles: readonly string[];
  /** `#tag` folded like the words, without the `#`; the tag's word also stays among `words`. */
  readonly hashtags: readonly string[];
  readonly emoji: readonly string[];
}

// A URL ends at white space; a tweet cut short by a retweet leaves "http:/…" or "https://t.c…".
const URL = /(?:https?:\/*|www\.)[^\s]*/giu;
const HANDLE = /(?<![\p{L}\p{N}_])@([\p{L}\p{N}_]{1,30})/gu;
const HASHTAG = /(?<![\p{L}\p{N}_&])#([\p{L}\p{N}_]+)/gu;
const EMOJI = /\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic})*/gu;
// A retweet's marker ("RT @user:"), a Mastodon/Telegram "via @user": not the content.
const RETWEET_MARK = /^\s*(?:rt|mt)(?=\s*@)/iu;
const WORD = /[\p{L}\p{N}]+/gu;
const ASCII_WORD = /[a-z0-9]+/g;
/** Printable ASCII and the usual white space: no folding beyond lower case needed. */
const NOT_PLAIN_ASCII = /[^\t\n\r\x20-\x7e]/;
const URL_MARK = /https?:|www\./i;
const COMBINING = /\p{M}+/gu;
const REPEATED_LETTER = /(\p{L})\1{2,}/gu;
const CUT_SHORT = /[\p{L}\p{N}]+(?:…|\.\.\.)\s*$/u;
const ELLIPSIS_AT_END = /(?:…|\.\.\.)\s*$/u;

/**
 * NFKC, case- and accent-folded, URLs/handles/hashtags/emoji separated out, "bombaaaa" →
 * "bomba". A post cut short with "…" (a retweet of a long tweet) loses its last, partial word.
 */
export function foldForMatching(raw: string): FoldedText {
  // Each pattern runs only when its marker is there: most posts have no URL, handle or emoji.
  const ascii = !NOT_PLAIN_ASCII.test(raw);
  let text = ascii ? raw : raw.normalize('NFKC');
  const urls: string[] = [];
  if (URL_MARK.test(text)) {
    text = text.replace(URL, (url) => {
      urls.push(url);
      return ' ';
    });
  }
  const handles: string[] = [];
  if (text.includes('@')) {
    text = text.replace(RETWEET_MARK, ' ');
    text = text.replace(HANDLE, (_match, handle: string) => {
      handles.push(handle.toLowerCase());
      return ' ';
    });
  }
  const emoji: string[] = [];
  if (!ascii) {
    text = text.replace(EMOJI, (found) => {
      emoji.push(found);
      return ' ';
    });
  }
  // A truncated last word is not the word it was cut from (tested on the tail only: the pattern is slow on a whole text).
  if (ELLIPSIS_AT_END.test(raw)) {
    const tail = text.length > 80 ? text.length - 80 : 0;
    const cut = CUT_SHORT.exec(text.slice(tail));
    if (cut !== null) text = text.slice(0, tail + cut.index);
  }
  const lower = text.toLowerCase();
  const folded = ascii ? lower : lower.normalize('NFD').replace(COMBINING, '');
  const hashtags: string[] = [];
  if (folded.includes('#')) for (const match of folded.matchAll(HASHTAG)) if (match[1] !== undefined) hashtags.push(squeeze(match[1]));
  const words = (folded.match(ascii ? ASCII_WORD : WORD) ?? []).map(squeeze);
  return { words, text: words.join(' '), urls, handles, hashtags, emoji };
}

/** A letter written three or more times in a row, once: "bombaaaa" → "bomba", "goooool" → "gol"; "ll", "rr", "ee" stay. */
function squeeze(word: string): string {
  let runs = false;
  for (let i = 2; i < word.length; i++) {
    if (word.charCodeAt(i) === word.charCodeAt(i - 1) && word.charCodeAt(i) === word.charCodeAt(i - 2)) {
      runs = true;
      break;
    }
  }
  return runs ? word.replace(REPEATED_LETTER, '$1') : word;
}
