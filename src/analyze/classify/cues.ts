import type { ClassifyLexicon } from './lexicon.js';

/**
 * Cue matching on whole words. The text is folded (lower case, accents off) one UTF-16 code unit
 * for one, so a word's offsets in the folded text are its offsets in the original: the cues a
 * reader is shown point at exactly what was read.
 */

const FOLDED = new Map<string, string>();

/** Lower case without accents, the same length as `text` (a unit whose folding would change the length is kept). */
export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      out += String.fromCharCode(code >= 65 && code <= 90 ? code + 32 : code);
      continue;
    }
    const unit = text[i] as string;
    let folded = FOLDED.get(unit);
    if (folded === undefined) {
      const lower = (unit.normalize('NFD')[0] ?? unit).toLowerCase();
      folded = lower.length === 1 ? lower : unit;
      FOLDED.set(unit, folded);
    }
    out += folded;
  }
  return out;
}

export interface Token {
  /** The folded word. */
  word: string;
  start: number;
  end: number;
  /** The character before the word: `@` for a handle, `#` for a hashtag. */
  mark: '@' | '#' | null;
  /** Index of the sentence the word is in (a new one after . ! ? or a line break). */
  sentence: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

export function tokenize(folded: string): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let last = 0;
  for (const match of folded.matchAll(WORD)) {
    const start = match.index;
    // "3.5" and "p.m." stay in one sentence: a stop counts only before a space or the end.
    for (let i = last; i < start; i++) {
      const code = folded.charCodeAt(i);
      if (code === 10 || ((code === 46 || code === 33 || code === 63) && (i + 1 >= folded.length || isSpace(folded.charCodeAt(i + 1))))) {
        sentence++;
        break;
      }
    }
    const before = start > 0 ? folded[start - 1] : undefined;
    tokens.push({ word: match[0], start, end: start + match[0].length, mark: before === '@' || before === '#' ? before : null, sentence });
    last = start + match[0].length;
  }
  return tokens;
}

function isCapitals(written: string): boolean {
  return written === written.toUpperCase();
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 0xa0;
}

/** One piece of a cue: a word, a word's beginning (`stem*`) or any word (`_`). */
type Piece = { kind: 'word'; word: string } | { kind: 'stem'; stem: string } | { kind: 'any' };

export interface Cue {
  /** `facet:value`, e.g. `event:air-drone-strike`. */
  label: string;
  facet: string;
  value: string;
  language: 'es' | 'en';
  /** The cue as written in the lexicon (without its weight). */
  written: string;
  weight: number;
  pieces: Piece[];
  /** Written in capitals ("UN", "AP", "ELN"): matches only text in capitals, not the word "un". */
  acronym: boolean;
}

export interface CueMatch {
  cue: Cue;
  /** Token indexes, end exclusive. */
  first: number;
  last: number;
  start: number;
  end: number;
}

/** All the lexicon's cues, indexed by their first word (or stem) for one pass over the tokens. */
export class CueIndex {
  private readonly byWord = new Map<string, Cue[]>();
  private readonly byStem = new Map<string, Cue[]>();
  private readonly stemLengths: number[];
  /** Every cue, in lexicon order. */
  readonly cues: Cue[] = [];

  /** `skip`: facets that are not word cues (account-name parts). */
  constructor(lexicon: ClassifyLexicon, skip: readonly string[] = []) {
    const lengths = new Set<number>();
    for (const [facet, values] of Object.entries(lexicon)) {
      if (skip.includes(facet)) continue;
      for (const [value, languages] of Object.entries(values)) {
        for (const language of ['es', 'en'] as const) {
          for (const entry of languages[language]) {
            const cue = compileCue(facet, value, language, entry);
            this.cues.push(cue);
            const head = cue.pieces[0];
            if (head === undefined || head.kind === 'any') throw new Error(`lexicon ${facet}.${value}.${language}: "${entry}" must start with a word`);
            if (head.kind === 'word') push(this.byWord, head.word, cue);
            else {
              push(this.byStem, head.stem, cue);
              lengths.add(head.stem.length);
            }
          }
        }
      }
    }
    this.stemLengths = [...lengths].sort((a, b) => a - b);
  }

  /**
   * Every cue that matches at every token: overlapping matches are all returned. `text` is the
   * original (unfolded) text, for cues that are acronyms.
   */
  match(tokens: readonly Token[], text: string): CueMatch[] {
    const matches: CueMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      // An account name is not words ("@TIM_Official" is no official): see handle parts.
      if (token.mark === '@') continue;
      const word = token.word;
      this.tryAll(this.byWord.get(word), tokens, i, matches);
      for (const length of this.stemLengths) {
        if (length > word.length) break;
        this.tryAll(this.byStem.get(word.slice(0, length)), tokens, i, matches);
      }
    }
    return matches.filter((m) => !m.cue.acronym || isCapitals(text.slice(m.start, m.end)));
  }

  private tryAll(cues: readonly Cue[] | undefined, tokens: readonly Token[], at: number, matches: CueMatch[]): void {
    if (cues === undefined) return;
    for (const cue of cues) {
      const last = at + cue.pieces.length;
      if (last > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < cue.pieces.length && ok; k++) {
        const token = tokens[at + k] as Token;
        ok = token.mark !== '@' && fits(cue.pieces[k] as Piece, token.word);
      }
      if (ok) matches.push({ cue, first: at, last, start: (tokens[at] as Token).start, end: (tokens[last - 1] as Token).end });
    }
  }
}

function fits(piece: Piece, word: string): boolean {
  switch (piece.kind) {
    case 'word':
      return piece.word === word;
    case 'stem':
      return word.startsWith(piece.stem);
    case 'any':
      return true;
  }
}

function compileCue(facet: string, value: string, language: 'es' | 'en', entry: string): Cue {
  const [written = '', weightText] = entry.split('|');
  const weight = weightText === undefined ? 1 : Number(weightText);
  if (!Number.isFinite(weight) || weight <= 0) throw new Error(`lexicon ${facet}.${value}.${language}: "${entry}" has a bad weight`);
  const pieces: Piece[] = [];
  for (const part of written.trim().split(/\s+/)) {
    if (part === '_') {
      pieces.push({ kind: 'any' });
      continue;
    }
    const stem = part.endsWith('*');
    // A cue is folded and split into words exactly as a text is.
    const words = tokenize(foldText(stem ? part.slice(0, -1) : part)).map((token) => token.word);
    if (words.length === 0) throw new Error(`lexicon ${facet}.${value}.${language}: "${entry}" has no word in "${part}"`);
    words.forEach((word, index) => pieces.push(stem && index === words.length - 1 ? { kind: 'stem', stem: word } : { kind: 'word', word }));
  }
  const acronym = /^[\p{Lu}\p{N}]{2,5}$/u.test(written.trim());
  return { label: `${facet}:${value}`, facet, value, language, written: written.trim(), weight, pieces, acronym };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
