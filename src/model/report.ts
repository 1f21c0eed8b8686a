import { z } from 'zod';
import { Classification, CountMention, FamilyMembership, RecycledMedia, ReportPlace, TimeMention, TimePrecision, Toponym } from './analysis.js';
import { IsoInstant } from './raw-item.js';

export const Language = z.enum(['es', 'en', 'other', 'too-short']);
export type Language = z.infer<typeof Language>;

/**
 * The normalised unit of evidence made from one raw item. The analysis stages add to it;
 * it always points back to the raw item it came from.
 */
export const Report = z.object({
  id: z.string(),
  caseId: z.string(),
  rawItemId: z.string(),
  sourceId: z.string(),
  channelId: z.string(),
  channelName: z.string().nullable(),
  time: IsoInstant.nullable(),
  /** The item's text in Unicode NFKC, title first for articles. */
  text: z.string(),
  language: Language,
  /** How clearly the language won over the runner-up, 0–1 (0.5 is a tie). */
  languageConfidence: z.number().min(0).max(1),
  /** Event type, negation and hedging, source role, attribution, relatedness, urgency. */
  classification: Classification,
  /** Every time expression, resolved in the place's (or the case's) timezone. */
  times: z.array(TimeMention),
  /** When the report puts its event: its best time mention, null when it names none. */
  eventTime: z.object({ from: IsoInstant, to: IsoInstant, precision: TimePrecision }).nullable(),
  /** Casualties, vehicles and explosions counted in the text. */
  counts: z.array(CountMention),
  /** Place names in the text, resolved where the gazetteer can. */
  toponyms: z.array(Toponym),
  /** Where the report puts its event: coordinates the item carries first, else its best toponym. */
  place: ReportPlace.nullable(),
  /** The provenance family; null until the families stage has seen the whole case. */
  family: FamilyMembership.nullable(),
  /** Its pictures seen before the claimed event began (set with the family). */
  recycledMedia: z.array(RecycledMedia),
});
export type Report = z.infer<typeof Report>;
