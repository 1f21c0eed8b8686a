export { PARTS_OF_DAY, readTimes, readTimesNormalized } from './read.js';
export type { TimeReadingOptions } from './read.js';
export { eventTimeOf } from './event-time.js';
export type { EventTime } from './event-time.js';
export { readPostTime } from './zone.js';
