export { NUMBER_PATTERN, numberValue } from './words.js';
