import type { Command } from 'commander';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { eventTimeOf, identifyLanguage, normalizeText, readCountsNormalized, readPostTime, readTimesNormalized, summariseCounts } from '../../analyze/index.js';
import { CliError, EXIT } from '../errors.js';
import { describeIssues, openJsonLines, readJsonLines, writeWithBackPressure } from '../json-lines.js';

/** One input line; other fields are ignored. */
const TimesInput = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  time: z.string().optional(),
  timezone: z.string().optional(),
  lang: z.string().optional(),
});

export function registerTimes(program: Command): void {
  program
    .command('times')
    .description('read time expressions and counts (killed, injured, missing, vehicles, explosions) in posts given as JSON Lines; one JSON object out per line (docs/analysis/time-and-numbers.md)')
    .argument('[file]', 'a JSON Lines file (default or "-": standard input)')
    .option('--timezone <zone>', 'IANA timezone for lines without "timezone"', 'UTC')
    .option('--now <time>', 'post time (ISO 8601; without an offset, local time in the zone) for lines without "time"')
    .action(async (file: string | undefined, options: { timezone: string; now?: string }) => {
      if (!IANAZone.isValidZone(options.timezone)) throw new CliError(`--timezone: ${options.timezone} is not an IANA timezone (e.g. America/Caracas)`);
      if (options.now !== undefined && Number.isNaN(readPostTime(options.now, options.timezone))) throw new CliError(`--now: ${options.now} is not an ISO 8601 time (e.g. 2026-09-18T02:30:00-04:00)`);
      const { input, name: where } = await openJsonLines(file, 'stdin');
      // Lines are written in batches: one write per line costs more than the reading.
      const pending: string[] = [];
      const flush = async (): Promise<void> => {
        if (pending.length === 0) return;
        const chunk = `${pending.join('\n')}\n`;
        pending.length = 0;
        await writeWithBackPressure(process.stdout, chunk);
      };
      let lineNumber = 0;
      let bad = 0;
      for await (const entry of readJsonLines(input)) {
        lineNumber = entry.line;
        const problem = (message: string): void => {
          bad += 1;
          process.stderr.write(`${where}:${lineNumber}: ${message}  times/bad-line\n`);
        };
        if ('notJson' in entry) {
          problem(`not JSON: ${entry.notJson}`);
          continue;
        }
        const parsed = TimesInput.safeParse(entry.value);
        if (!parsed.success) {
          problem(describeIssues(parsed.error.issues));
          continue;
        }
        const { id, text, lang } = parsed.data;
        const postTime = parsed.data.time ?? options.now;
        const timeZone = parsed.data.timezone ?? options.timezone;
        if (!IANAZone.isValidZone(timeZone)) {
          problem(`timezone: ${timeZone} is not an IANA timezone`);
          continue;
        }
        if (postTime === undefined || Number.isNaN(readPostTime(postTime, timeZone))) {
          problem(postTime === undefined ? 'no post time: give "time" in the line or --now' : `time: ${postTime} is not an ISO 8601 time`);
          continue;
        }
        // "es-VE", "en_GB" count as es, en.
        const declared = lang?.slice(0, 2).toLowerCase();
        const language = declared === 'es' || declared === 'en' ? declared : identifyLanguage(text).language;
        const normalized = normalizeText(text, { language });
        const times = readTimesNormalized(normalized, { postTime, timeZone, language });
        const counts = readCountsNormalized(normalized);
        const eventTime = eventTimeOf(times, postTime);
        const out = {
          id,
          times,
          counts,
          eventTime: eventTime === null ? null : { from: eventTime.from, to: eventTime.to, precision: eventTime.precision, text: eventTime.mention.text },
          countSummary: summariseCounts(counts),
        };
        pending.push(JSON.stringify(out));
        if (pending.length >= 256) await flush();
      }
      await flush();
      if (bad > 0) {
        process.stderr.write(`times: ${bad} bad line${bad === 1 ? '' : 's'} of ${lineNumber}\n`);
        process.exitCode = EXIT.findings;
      }
    });
}
