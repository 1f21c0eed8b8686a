export { Classifier, classifyReport } from './classify.js';
export type { ClassifiedReport, ClassifyContext } from './classify.js';
export { ClassifyLexicon, lexiconModule, parseClassifyLexicon } from './lexicon.js';
export { CLASSIFY_LEXICON } from './lexicon.generated.js';
