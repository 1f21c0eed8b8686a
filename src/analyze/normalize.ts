import type { Language } from '../model/index.js';

/**
 * Normalisation: one pass over a report's text that every later stage can match against.
 *
 * - `display` is the text in Unicode NFKC (full-width letters, ligatures and the styled
 *   "𝐁𝐎𝐌𝐁𝐀" of channel headlines become plain letters); accents are kept. Every offset this
 *   module and the stages built on it report is into `display`, which is what `Report.text` holds.
 * - `match` is for matching only: lower case, diacritics folded (ñ → n, ü → u), URLs, @handles,
 *   #hashtags and emoji taken out (each replaced by one space), runs of a repeated letter
 *   squeezed ("bombaaaa" → "bomba"), chat spellings written out ("xq" → "porque"), white space
 *   squeezed to one space, or one line break where the run had one (lines often are items).
 * - `spanOf(start, end)` turns a span of `match` back into a span of `display`.
 */

export interface TextPiece {
  /** Offsets into `display`, UTF-16 code units, end exclusive. */
  start: number;
  end: number;
  text: string;
}

export interface NormalizedText {
  /** NFKC, accents kept: what a reader sees, and what offsets point into. */
  display: string;
  /** Folded, cleaned text to match words against; never shown. */
  match: string;
  urls: TextPiece[];
  /** `@name` mentions, with the `@`. */
  handles: TextPiece[];
  /** `#tag`s, with the `#`. */
  hashtags: TextPiece[];
  /** Emoji sequences (a flag, a skin-toned or ZWJ-joined emoji counts as one). */
  emoji: TextPiece[];
  /** Chat spellings that were written out, where they stand in `display`. */
  expansions: (TextPiece & { as: string })[];
  /** The `display` span that `match.slice(start, end)` was made from. */
  spanOf(start: number, end: number): { start: number; end: number };
}

export interface NormalizeOptions {
  /**
   * The text's language when known. Spanish chat spellings that are also English words or
   * common symbols ("toy", "x", "d", "k") are written out only when it is `es`; none are when
   * it is `en` (English chat spellings are then: "u" → "you", "ppl" → "people", …).
   */
  language?: Language;
}

/**
 * Venezuelan and Latin-American chat spellings, written out for matching. Only whole words
 * (after folding), so "q" in "q fue eso" but not in "Iraq". "pana" and "vaina" are words in
 * their own right and stay.
 */
const SPANISH_CHAT: Readonly<Record<string, string>> = {
  q: 'que',
  qe: 'que',
  xq: 'porque',
  pq: 'porque',
  porq: 'porque',
  xk: 'porque',
  tmb: 'tambien',
  tmbn: 'tambien',
  tb: 'tambien',
  tbn: 'tambien',
  aki: 'aqui',
  aka: 'aca',
  ntp: 'no te preocupes',
  bn: 'bien',
  xfa: 'por favor',
  xfavor: 'por favor',
  pfv: 'por favor',
  dnd: 'donde',
  kien: 'quien',
  kiero: 'quiero',
  msj: 'mensaje',
  tlf: 'telefono',
  salu2: 'saludos',
};

/** Also English words or symbols: written out only when the text is known to be Spanish. */
const SPANISH_CHAT_WHEN_SPANISH: Readonly<Record<string, string>> = {
  k: 'que',
  d: 'de',
  x: 'por',
  toy: 'estoy',
  tamos: 'estamos',
  ta: 'esta',
  pa: 'para',
};

const ENGLISH_CHAT: Readonly<Record<string, string>> = {
  u: 'you',
  ur: 'your',
  r: 'are',
  ppl: 'people',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  b4: 'before',
  rn: 'right now',
  idk: "i don't know",
};

// URLs end before trailing punctuation that closes the sentence around them.
const PIECES =
  /(?<url>(?:https?:\/\/|www\.)[^\s<>"]+)|(?<handle>(?<![\p{L}\p{N}_.])@[\p{L}\p{N}_]{1,30})|(?<hashtag>(?<![\p{L}\p{N}_&])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)|(?<emoji>(?:\p{Regional_Indicator}{2}|(?:\p{Extended_Pictographic}|[#*0-9]\uFE0F?\u20E3)(?:\uFE0F|\p{Emoji_Modifier}|\u200D(?:\p{Extended_Pictographic}|\p{Emoji_Component}))*)+)/gu;
const URL_TRAILING = /[.,;:!?)\]}'"»”’]+$/u;

const folded = new Map<string, string>();

/** Lower case without diacritics, per UTF-16 unit (astral code points pass through). */
function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
  const known = folded.get(ch);
  if (known !== undefined) return known;
  const result = ch.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  if (folded.size < 5000) folded.set(ch, result);
  return result;
}

/** Letters whose doubling is spelling in Spanish or English ("calle", "perro", "leer", "good"). */
const KEEP_DOUBLE = new Set(['l', 'r']);

/** Folds text for matching: lower case, diacritics stripped (ñ → n). No offsets. */
export function foldForMatching(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC')) out += ch.length === 1 ? foldChar(ch) : ch;
  return out;
}

export function normalizeText(text: string, options: NormalizeOptions = {}): NormalizedText {
  const display = text.normalize('NFKC');
  const urls: TextPiece[] = [];
  const handles: TextPiece[] = [];
  const hashtags: TextPiece[] = [];
  const emoji: TextPiece[] = [];
  const removed: TextPiece[] = [];
  PIECES.lastIndex = 0;
  for (let found = PIECES.exec(display); found !== null; found = PIECES.exec(display)) {
    const start = found.index;
    const groups = found.groups ?? {};
    if (groups['url'] !== undefined) {
      const url = groups['url'].replace(URL_TRAILING, '');
      const piece = { start, end: start + url.length, text: url };
      urls.push(piece);
      removed.push(piece);
      // The regex consumed the trailing punctuation: give it back to the text.
      PIECES.lastIndex = piece.end;
    } else {
      const piece = { start, end: start + found[0].length, text: found[0] };
      if (groups['handle'] !== undefined) handles.push(piece);
      else if (groups['hashtag'] !== undefined) hashtags.push(piece);
      else emoji.push(piece);
      removed.push(piece);
    }
  }

  // Fold and squeeze, keeping for every unit of `match` the display span it came from.
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let next = 0;
  let previous = '';
  let run = 0;
  const push = (ch: string, start: number, end: number): void => {
    // White space squeezes to one character: a line break if the run has one, else a space.
    if ((ch === ' ' || ch === '\n') && (previous === ' ' || previous === '\n')) {
      ends[ends.length - 1] = end;
      if (ch === '\n' && previous === ' ') {
        chars[chars.length - 1] = '\n';
        previous = '\n';
      }
      return;
    }
    if (ch === previous) {
      run += 1;
      const isLetter = ch >= 'a' && ch <= 'z';
      // Three or more of a letter is emphasis ("bombaaaa", "nooo"): one stays, two for l/r
      // ("calllle" → "calle"). Repeated marks ("¡¡¡", "!!!", "???") become one.
      if (isLetter ? run >= 3 : isRepeatableMark(ch)) {
        ends[ends.length - 1] = end;
        if (isLetter && run === 3 && !KEEP_DOUBLE.has(ch)) {
          // The second letter of the run was kept while it could have been a legit double.
          chars.pop();
          starts.pop();
          ends.pop();
          ends[ends.length - 1] = end;
        }
        return;
      }
    } else {
      previous = ch;
      run = 1;
    }
    chars.push(ch);
    starts.push(start);
    ends.push(end);
  };
  let removedIndex = 0;
  while (next < display.length) {
    const piece = removed[removedIndex];
    if (piece !== undefined && piece.start === next) {
      push(' ', piece.start, piece.end);
      next = piece.end;
      removedIndex += 1;
      continue;
    }
    const code = display.charCodeAt(next);
    const low = display.charCodeAt(next + 1);
    if (code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
      // An astral code point that was not an emoji (a rare CJK letter, a symbol): kept as is,
      // each of its two units pointing at both.
      push(display[next] ?? '', next, next + 2);
      push(display[next + 1] ?? '', next, next + 2);
      next += 2;
      continue;
    }
    const ch = display[next] ?? '';
    const fold = foldChar(ch);
    if (fold.length === 1) push(isSpace(fold) ? (isLineBreak(fold) ? '\n' : ' ') : fold, next, next + 1);
    else for (const unit of fold) push(unit, next, next + 1);
    next += 1;
  }

  // Chat spellings, whole words only.
  const language = options.language;
  const expansions: (TextPiece & { as: string })[] = [];
  const raw = chars.join('');
  let match = raw;
  let matchStarts = starts;
  let matchEnds = ends;
  if (language !== 'other') {
    const outChars: string[] = [];
    const outStarts: number[] = [];
    const outEnds: number[] = [];
    let copied = 0;
    let changed = false;
    for (const word of raw.matchAll(/[a-z0-9]+/g)) {
      const spelled = chatSpelling(word[0], language);
      if (spelled === undefined) continue;
      const start = word.index;
      const end = start + word[0].length;
      changed = true;
      for (let i = copied; i < start; i += 1) {
        outChars.push(raw[i] ?? '');
        outStarts.push(starts[i] ?? 0);
        outEnds.push(ends[i] ?? 0);
      }
      const displayStart = starts[start] ?? 0;
      const displayEnd = ends[end - 1] ?? displayStart;
      for (const unit of spelled) {
        outChars.push(unit);
        outStarts.push(displayStart);
        outEnds.push(displayEnd);
      }
      expansions.push({ start: displayStart, end: displayEnd, text: display.slice(displayStart, displayEnd), as: spelled });
      copied = end;
    }
    if (changed) {
      for (let i = copied; i < raw.length; i += 1) {
        outChars.push(raw[i] ?? '');
        outStarts.push(starts[i] ?? 0);
        outEnds.push(ends[i] ?? 0);
      }
      match = outChars.join('');
      matchStarts = outStarts;
      matchEnds = outEnds;
    }
  }

  const finalStarts = matchStarts;
  const finalEnds = matchEnds;
  const spanOf = (start: number, end: number): { start: number; end: number } => {
    if (end <= start) {
      const at = start < finalStarts.length ? (finalStarts[start] ?? display.length) : display.length;
      return { start: at, end: at };
    }
    return { start: finalStarts[start] ?? display.length, end: finalEnds[Math.min(end, finalEnds.length) - 1] ?? display.length };
  };
  return { display, match, urls, handles, hashtags, emoji, expansions, spanOf };
}

function chatSpelling(word: string, language: Language | undefined): string | undefined {
  if (language === 'en') return ENGLISH_CHAT[word];
  return SPANISH_CHAT[word] ?? (language === 'es' ? SPANISH_CHAT_WHEN_SPANISH[word] : undefined);
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\u00a0' || ch === '\u2028' || ch === '\u2029' || /^\s$/u.test(ch);
}

function isLineBreak(ch: string): boolean {
  return ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029' || ch === '\u0085' || ch === '\v' || ch === '\f';
}

function isRepeatableMark(ch: string): boolean {
  return ch === '!' || ch === '?' || ch === '¡' || ch === '¿';
}
