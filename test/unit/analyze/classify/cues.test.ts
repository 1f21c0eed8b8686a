import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLASSIFY_LEXICON, classifyReport, lexiconModule, parseClassifyLexicon } from '../../../../src/analyze/index.js';
import { foldText } from '../../../../src/analyze/classify/cues.js';
import { Classification, SourceRole } from '../../../../src/model/index.js';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');

describe('cue offsets', () => {
  it.each([
    ['🔴💥 URGENTE: se escuchó un BOMBAZO en Guasdualito, al parecer fue un dron', ['urgente', 'se escucho', 'bombazo', 'al parecer', 'dron']],
    ['𝐄𝐗𝐏𝐋𝐎𝐒𝐈𝐎́𝐍 en el caño'.normalize('NFKC'), ['explosion']],
    ['Según el ministro, no hubo ningún bombardeo 🚫', ['segun', 'el ministro', 'no hubo', 'bombardeo']],
    ['Officials said a drone strike hit the depot — unconfirmed', ['said', 'officials', 'drone strike', 'unconfirmed']],
  ])('point at the words they name: %s', (text, expected) => {
    const read = classifyReport(text).cues.map((cue) => foldText(text.slice(cue.start, cue.end)));
    for (const words of expected) expect(read).toContain(words);
  });

  it('are UTF-16 offsets, end exclusive, inside the text, for any text', () => {
    const words = ['explosión', 'dron', 'según', 'el ministro', 'no hubo', 'plomo', 'URGENTE', 'said', 'officials', '😱', '🇻🇪', 'İstanbul', 'ß', '\n', '?', '¿'];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.string()), { maxLength: 30 }), (parts) => {
        const text = parts.join(' ');
        for (const cue of classifyReport(text).cues) {
          expect(cue.start).toBeGreaterThanOrEqual(0);
          expect(cue.end).toBeGreaterThan(cue.start);
          expect(cue.end).toBeLessThanOrEqual(text.length);
          // A cue is words: it neither starts nor ends with a space.
          const read = text.slice(cue.start, cue.end);
          expect(read.trim()).toBe(read);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every answer fits the analysis contract (Classification), for any text', () => {
    const words = ['explosión', 'dron', 'según el ministro', 'no hubo', 'plomo', 'el tren', 'URGENTE', 'officials said', 'RT @CNNEE:', '#TemblorCR', '"se escuchó"', '¿', '?', 'hace un año', '📌', '\u0000'];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ unit: 'grapheme' })), { maxLength: 25 }), fc.constantFrom(...SourceRole.options, undefined), (parts, role) => {
        const result = classifyReport(parts.join(' '), role === undefined ? {} : { source: { role } });
        expect(Classification.safeParse(result).success).toBe(true);
        if (role !== undefined && role !== 'unknown') expect(result.sourceRole).toBe(role);
      }),
      { numRuns: 300 },
    );
  });

  it('folding keeps the length, so offsets in the folded text are offsets in the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(foldText(text).length).toBe(text.length);
      }),
    );
    expect(foldText('ÚLTIMA HORA: Explosión en Mérida')).toBe('ultima hora: explosion en merida');
  });
});

describe('the lexicon', () => {
  it('the generated module is up to date with data/lexicons/classify.yaml (run npm run lexicons)', async () => {
    const source = parseClassifyLexicon(await readFile(join(ROOT, 'data', 'lexicons', 'classify.yaml'), 'utf8'));
    expect(CLASSIFY_LEXICON).toEqual(source);
    expect(await readFile(join(ROOT, 'src', 'analyze', 'classify', 'lexicon.generated.ts'), 'utf8')).toBe(lexiconModule(source));
  });

  it('refuses a lexicon without a facet the classifier reads', () => {
    expect(() => parseClassifyLexicon('event: {}\n')).toThrow(/no accident/);
  });

  it('has Spanish and English cues for every event type', () => {
    for (const [type, cues] of Object.entries(CLASSIFY_LEXICON['event'] ?? {})) {
      expect(cues.es.length, `${type} es`).toBeGreaterThan(0);
      expect(cues.en.length, `${type} en`).toBeGreaterThan(0);
    }
  });
});
