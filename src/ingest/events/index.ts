export { ACLED_CHANNEL, ACLED_REQUIRED_COLUMNS, acledAdapter, acledDate, detectAcled, parseAcled } from './acled.js';
export { GDELT_CHANNEL, GDELT_LAYOUTS, detectGdelt, gdeltAdapter, parseGdelt } from './gdelt.js';
export type { GdeltLayout } from './gdelt.js';
export { CAMEO_ROOT_CODES, QUAD_CLASSES, cameoRoot } from './cameo.js';
export { DelimitedReader, positionIn } from './delimited.js';
export type { BrokenRecord, DelimitedEvent, DelimitedOptions, DelimitedRecord } from './delimited.js';
export { MAX_RECORD_BYTES } from './sheet.js';
