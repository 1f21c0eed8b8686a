import type { RawItem, Report, SourceRole } from '../model/index.js';
import { classifyReport } from './classify/index.js';
import { placesOfReport, type Coordinates, type Gazetteer, type PlaceContext } from './geo/index.js';
import { identifyLanguage } from './language.js';
import { normalizeText } from './normalize.js';
import { readCountsNormalized } from './numbers/index.js';
import { eventTimeOf, readTimesNormalized } from './time/index.js';

/** What every report of a case is read against. */
export interface ReportAnalysisContext {
  readonly caseId: string;
  /** The case's IANA timezone: times are read in it unless the report's own coordinates say otherwise. */
  readonly timeZone: string;
  /** The case's country and area, which decide between namesakes ("Valencia"). */
  readonly place: PlaceContext;
  readonly gazetteer: Gazetteer;
  /** What the case file says each source is (`role:`), by source id. */
  readonly sourceRoles: ReadonlyMap<string, SourceRole>;
}

/** What the item's media say about it, from the media stage (the item itself carries only references). */
export interface AttachedFacts {
  /** GPS position from a photo's EXIF. */
  readonly exif?: Coordinates | null;
}

/** Coordinates an item carries, by what gave them: a chat's shared location, a photo's EXIF, a post's geotag. */
function attachedPlace(item: RawItem, facts: AttachedFacts): { location: Coordinates | null; exif: Coordinates | null; geotag: Coordinates | null } {
  const chat = item.format === 'telegram' || item.format === 'whatsapp';
  return {
    location: chat ? item.geo : null,
    exif: item.format === 'media' ? item.geo : (facts.exif ?? null),
    geotag: chat || item.format === 'media' ? null : item.geo,
  };
}

/**
 * An item read as a Report: its text in NFKC (title first for articles), language, event type,
 * role and attribution, times and counts, place names and the report's place. The family is
 * left for the families stage, which needs the whole case.
 */
export function reportFromItem(item: RawItem & { sourceId: string }, context: ReportAnalysisContext, facts: AttachedFacts = {}): Report {
  const body = item.title !== null && item.title !== '' && !item.text.startsWith(item.title) ? `${item.title}\n\n${item.text}` : item.text;
  // NFKC folds compatibility forms (full-width letters, ligatures, styled "𝐁𝐎𝐌𝐁𝐀") that
  // channels use for emphasis, so that they match as plain words.
  const text = body.normalize('NFKC');
  const guess = identifyLanguage(text);
  const role = context.sourceRoles.get(item.sourceId);
  const classified = classifyReport(text, {
    channelName: item.channel.name,
    channelType: item.channel.type,
    author: item.author?.pseudonymous === true ? null : (item.author?.name ?? null),
    source: role === undefined ? null : { role },
  });
  const { attributedRole: _attributedRole, ...classification } = classified;
  const placed = placesOfReport(text, context.gazetteer, { ...context.place, ...attachedPlace(item, facts) });
  const { toponyms, place } = placed;
  // The place's own clock: a report placed by coordinates or a resolved name is read in the zone
  // there; otherwise in the case's.
  const timeZone = placed.timeZone ?? context.timeZone;
  const language = guess.language === 'es' || guess.language === 'en' ? guess.language : undefined;
  const normalized = normalizeText(text, language === undefined ? {} : { language });
  const times = item.time === null ? [] : readTimesNormalized(normalized, { postTime: item.time, timeZone, ...(language === undefined ? {} : { language }) });
  const eventTime = eventTimeOf(times, item.time ?? undefined, classification.cues);
  return {
    id: item.id,
    caseId: context.caseId,
    rawItemId: item.id,
    sourceId: item.sourceId,
    channelId: item.channel.id,
    channelName: item.channel.name,
    time: item.time,
    text,
    language: guess.language,
    languageConfidence: guess.confidence,
    classification,
    times,
    eventTime: eventTime === null ? null : { from: eventTime.from, to: eventTime.to, precision: eventTime.precision },
    counts: readCountsNormalized(normalized),
    toponyms,
    place,
    family: null,
    recycledMedia: [],
  };
}
