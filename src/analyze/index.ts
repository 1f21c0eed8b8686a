export { identifyLanguage } from './language.js';
export type { LanguageGuess } from './language.js';
export { reportFromItem } from './report.js';
export { CLASSIFY_LEXICON, Classifier, ClassifyLexicon, classifyReport, lexiconModule, parseClassifyLexicon } from './classify/index.js';
export type { ClassifiedReport, ClassifyContext } from './classify/index.js';
