import type { RawItem, Report } from '../model/index.js';
import { identifyLanguage } from './language.js';

/** The first analysis step: a Report with normalised text and its language. */
export function reportFromItem(caseId: string, item: RawItem & { sourceId: string }): Report {
  const body = item.title !== null && item.title !== '' && !item.text.startsWith(item.title) ? `${item.title}\n\n${item.text}` : item.text;
  // NFKC folds compatibility forms (full-width letters, ligatures, styled "𝐁𝐎𝐌𝐁𝐀") that
  // channels use for emphasis, so that they match as plain words.
  const text = body.normalize('NFKC');
  const guess = identifyLanguage(text);
  return {
    id: item.id,
    caseId,
    rawItemId: item.id,
    sourceId: item.sourceId,
    channelId: item.channel.id,
    channelName: item.channel.name,
    time: item.time,
    text,
    language: guess.language,
    languageConfidence: guess.confidence,
    // The classification, time, numbers and places stages fill these in as they land.
    classification: { eventType: 'not-an-event', negated: false, hedged: false, sourceRole: 'unknown', attributedTo: null, related: false, urgency: 'developing', cues: [] },
    times: [],
    eventTime: null,
    counts: [],
    toponyms: [],
    place: null,
    family: null,
  };
}
