import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForMatching, normalizeText } from '../../../src/analyze/index.js';

describe('normalizeText', () => {
  it('takes URLs, handles, hashtags and emoji out of a Telegram post, with offsets into the text', () => {
    const text = '🚨💥 ÚLTIMA HORA: ¡¡¡BOMBAAAA!!! en Guasdualito, Apure 🇻🇪 vía @alertas24 #Apure #ÚltimaHora https://t.me/alertas24/8812.';
    const result = normalizeText(text);
    expect(result.display).toBe(text);
    expect(result.urls.map((url) => url.text)).toEqual(['https://t.me/alertas24/8812']);
    expect(result.handles.map((handle) => handle.text)).toEqual(['@alertas24']);
    expect(result.hashtags.map((tag) => tag.text)).toEqual(['#Apure', '#ÚltimaHora']);
    expect(result.emoji.map((emoji) => emoji.text)).toEqual(['🚨💥', '🇻🇪']);
    for (const piece of [...result.urls, ...result.handles, ...result.hashtags, ...result.emoji]) {
      expect(text.slice(piece.start, piece.end)).toBe(piece.text);
    }
    expect(result.match).toBe(' ultima hora: ¡bomba! en guasdualito, apure via .');
    const at = result.match.indexOf('bomba');
    const span = result.spanOf(at, at + 'bomba'.length);
    expect(text.slice(span.start, span.end)).toBe('BOMBAAAA');
  });

  it('folds accents for matching (ñ → n) and keeps them for display', () => {
    const result = normalizeText('Señora, ¿qué pasó en Ciudad Bolívar?');
    expect(result.display).toBe('Señora, ¿qué pasó en Ciudad Bolívar?');
    expect(result.match).toBe('senora, ¿que paso en ciudad bolivar?');
    expect(foldForMatching('MAÑANA Pingüino Ñandú')).toBe('manana pinguino nandu');
  });

  it('applies NFKC: full-width and styled letters match as plain words', () => {
    const result = normalizeText('𝐁𝐎𝐌𝐁𝐀𝐙𝐎 en Ｔáchira');
    expect(result.display).toBe('BOMBAZO en Táchira');
    expect(result.match).toBe('bombazo en tachira');
  });

  it('squeezes emphasis and keeps spelling doubles in Spanish and English', () => {
    expect(normalizeText('bombaaaa nooooo siiii ¡¡¡ayudaaa!!! ???').match).toBe('bomba no si ¡ayuda! ?');
    expect(normalizeText('la calle, el perro, leer, acción, cooperar').match).toBe('la calle, el perro, leer, accion, cooperar');
    expect(normalizeText('good street, all killed, too soon, coffee').match).toBe('good street, all killed, too soon, coffee');
    expect(normalizeText('calllleeee perrrrro').match).toBe('calle perro');
  });

  it('squeezes white space to one space, or one line break where the run had one', () => {
    const text = 'BALANCE  PRELIMINAR \r\n\r\n Fallecidos:\t12\nHeridos: 30';
    const result = normalizeText(text);
    expect(result.match).toBe('balance preliminar\nfallecidos: 12\nheridos: 30');
    const at = result.match.indexOf('\n');
    const span = result.spanOf(at, at + 1);
    expect(text.slice(span.start, span.end)).toBe(' \r\n\r\n ');
  });

  it('writes out Venezuelan chat spellings as whole words, keeping "pana" and "vaina"', () => {
    const result = normalizeText('chamo q fue eso?? xq tmb se fue la luz aki, pana q vaina, ntp bn', { language: 'es' });
    expect(result.match).toBe('chamo que fue eso? porque tambien se fue la luz aqui, pana que vaina, no te preocupes bien');
    expect(normalizeText('toy x la calle d atras, k miedo', { language: 'es' }).match).toBe('estoy por la calle de atras, que miedo');
    const expansion = result.expansions.find((piece) => piece.as === 'porque');
    expect(expansion?.text).toBe('xq');
    const at = result.match.indexOf('porque');
    const span = result.spanOf(at, at + 'porque'.length);
    expect(result.display.slice(span.start, span.end)).toBe('xq');
  });

  it('leaves English words alone: "toy", "x", "d" only change in Spanish text', () => {
    expect(normalizeText('a toy drone, vitamin d, x marks it').match).toBe('a toy drone, vitamin d, x marks it');
    expect(normalizeText('a toy drone, vitamin d, x marks it', { language: 'en' }).match).toBe('a toy drone, vitamin d, x marks it');
    expect(normalizeText('u ok? ppl r saying 2 blasts', { language: 'en' }).match).toBe('you ok? people are saying 2 blasts');
    // "Iraq" keeps its q; an e-mail address is not a handle.
    const result = normalizeText('Iraq: write to desk@example.org', { language: 'es' });
    expect(result.match).toBe('iraq: write to desk@example.org');
    expect(result.handles).toEqual([]);
  });

  it('keeps the sentence punctuation after a URL in the text', () => {
    const result = normalizeText('Video: https://x.com/a/status/1), ver (https://t.co/Ab1).');
    expect(result.urls.map((url) => url.text)).toEqual(['https://x.com/a/status/1', 'https://t.co/Ab1']);
    expect(result.match).toBe('video: ), ver ( ).');
  });

  it('never throws; every span is inside the text and in order', () => {
    const pieces = fc.constantFrom('q', 'xq', ' ', 'ñ', 'É', '💥', '🇻🇪', '👍🏽', '@a_b', '#Tag', 'https://t.co/x', '!!!', 'aaaa', 'İ', 'ß', 'ﬁ', '\u0301', '\uD800', '\uDC00', '𠜎', '𝐀', 'Ω', '2:10', '\n');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.array(pieces, { maxLength: 30 }).map((list) => list.join(''))), fc.constantFrom('es' as const, 'en' as const, undefined), (text, language) => {
        const result = normalizeText(text, language === undefined ? {} : { language });
        for (const piece of [...result.urls, ...result.handles, ...result.hashtags, ...result.emoji, ...result.expansions]) {
          expect(piece.start).toBeGreaterThanOrEqual(0);
          expect(piece.end).toBeLessThanOrEqual(result.display.length);
          expect(result.display.slice(piece.start, piece.end)).toBe(piece.text);
        }
        for (let start = 0; start < result.match.length; start += 1) {
          const span = result.spanOf(start, start + 1);
          expect(span.start).toBeGreaterThanOrEqual(0);
          expect(span.end).toBeGreaterThanOrEqual(span.start);
          expect(span.end).toBeLessThanOrEqual(result.display.length);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
