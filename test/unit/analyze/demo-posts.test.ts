/**
 * Times and counts on the demo's Telegram group of neighbours (examples/venezuela-strike,
 * SYNTHETIC, a Telegram Desktop export): what a verification desk would read from it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventTimeOf, identifyLanguage, normalizeText, readCountsNormalized, readTimesNormalized, summariseCounts } from '../../../src/analyze/index.js';

const EXPORT = join(import.meta.dirname, '..', '..', '..', 'examples', 'venezuela-strike', 'sources', 'telegram-vecinos', 'result.json');
/** The case's zone. */
const ZONE = 'America/Caracas';

interface Message {
  id: number;
  date: string;
  text: string | (string | { text: string })[];
}

let messages: Map<number, { postTime: string; text: string }>;

beforeAll(async () => {
  const document = JSON.parse(await readFile(EXPORT, 'utf8')) as { messages: Message[] };
  messages = new Map(
    document.messages.map((message) => [
      message.id,
      // As the export writes it: local time, no offset; read in the case's zone.
      { postTime: message.date, text: typeof message.text === 'string' ? message.text : message.text.map((part) => (typeof part === 'string' ? part : part.text)).join('') },
    ]),
  );
});

function analyse(id: number) {
  const message = messages.get(id);
  if (message === undefined) throw new Error(`no message ${id}`);
  const { language } = identifyLanguage(message.text);
  const normalized = normalizeText(message.text, { language });
  const times = readTimesNormalized(normalized, { postTime: message.postTime, timeZone: ZONE, language });
  const counts = readCountsNormalized(normalized);
  return { text: message.text, language, times, counts, eventTime: eventTimeOf(times, message.postTime), summary: summariseCounts(counts) };
}

function idOf(fragment: string): number {
  for (const [id, message] of messages) if (message.text.includes(fragment)) return id;
  throw new Error(`no message with ${fragment}`);
}

describe('the neighbours group of the demo case', () => {
  it('reads the claimant statement: the date and 02:10, and twelve "neutralised"', () => {
    const statement = analyse(idOf('COMUNICADO OFICIAL'));
    expect(statement.language).toBe('es');
    expect(statement.eventTime?.mention.text).toBe('hoy viernes 18 de septiembre de 2026, a las 02:10 horas');
    expect([statement.eventTime?.from, statement.eventTime?.precision]).toEqual(['2026-09-18T06:10:00Z', 'minute']);
    expect(statement.summary.killed).toEqual({ min: 12, max: 12 });
    // "a unos 12 kilómetros" is a distance, not a count.
    expect(statement.counts).toHaveLength(1);
  });

  it('reads eyewitness times against the post time, with past bias', () => {
    const husband = analyse(idOf('como a las 2:15'));
    expect([husband.eventTime?.mention.text, husband.eventTime?.from]).toEqual(['a las 2:15', '2026-09-18T06:15:00Z']);
    // Posted at 02:52: "11:40 de la noche" is the evening before.
    const soap = analyse(idOf('11:40 de la noche'));
    expect([soap.eventTime?.mention.text, soap.eventTime?.from]).toEqual(['a las 11:40 de la noche', '2026-09-18T03:40:00Z']);
    const shots = analyse(idOf('anoche se escucho plomo'));
    expect(shots.times.map((time) => [time.text, time.from, time.to])).toEqual([['anoche', '2026-09-15T23:00:00Z', '2026-09-16T10:00:00Z']]);
  });

  it('reads rumoured and reported counts, and no count where nobody saw any', () => {
    expect(analyse(idOf('fueron 30 muertos')).summary.killed).toEqual({ min: 30, max: 30 });
    expect(analyse(idOf('12 muertos dicen')).summary.killed).toEqual({ min: 12, max: 12 });
    expect(analyse(idOf('atendieron 3 heridos')).summary.injured).toEqual({ min: 3, max: 3 });
    expect(analyse(idOf('nadie ha visto muertos')).counts).toEqual([]);
    expect(analyse(idOf('no compartir fotos de heridos')).counts).toEqual([]);
  });

  it('gives every message spans that point at its text', () => {
    for (const id of messages.keys()) {
      const { text, times, counts } = analyse(id);
      for (const mention of [...times, ...counts]) expect(text.normalize('NFKC').slice(mention.start, mention.end)).toBe(mention.text);
    }
  });
});
