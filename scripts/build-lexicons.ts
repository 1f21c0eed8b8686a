/**
 * `npm run lexicons`: data/lexicons/classify.yaml → src/analyze/classify/lexicon.generated.ts.
 * The analysis stays pure (it reads no file); the YAML keeps the comments on where cues come from.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lexiconModule, parseClassifyLexicon } from '../src/analyze/classify/lexicon.js';

const ROOT = join(import.meta.dirname, '..');
export const LEXICON_SOURCE = join(ROOT, 'data', 'lexicons', 'classify.yaml');
export const LEXICON_MODULE = join(ROOT, 'src', 'analyze', 'classify', 'lexicon.generated.ts');

const lexicon = parseClassifyLexicon(await readFile(LEXICON_SOURCE, 'utf8'));
await writeFile(LEXICON_MODULE, lexiconModule(lexicon));
const cues = Object.values(lexicon).flatMap((values) => Object.values(values)).reduce((sum, cues) => sum + cues.es.length + cues.en.length, 0);
process.stdout.write(`wrote ${LEXICON_MODULE} (${cues} cues)\n`);
