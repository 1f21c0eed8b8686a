import { z } from 'zod';
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
});
export type Report = z.infer<typeof Report>;
