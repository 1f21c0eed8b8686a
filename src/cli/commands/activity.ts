import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { detectBurst, detectSilence, instantOf } from '../../correlate/index.js';
import { ACTIVITY_POLICY, IsoInstant, type ActivityFinding, type ActivityPolicyInput } from '../../model/index.js';
import { CliError, EXIT } from '../errors.js';
import { describeIssues, openJsonLines, readJsonLines, writeWithBackPressure } from '../json-lines.js';

/**
 * `corroborate activity`: per channel, a silence and a burst test after the claimed time against
 * the channel's own daily rhythm (docs/correlate/activity.md).
 */

/** One input line; other fields are ignored, so `corroborate parse` output (channel `{ id }`) can be fed in as it is. */
const ActivityLine = z.object({
  channel: z.union([z.string().min(1), z.object({ id: z.string().min(1) }).transform((channel) => channel.id)]),
  time: IsoInstant,
});

export interface ActivityRunOptions {
  /** The claimed time, epoch ms. */
  at: number;
  timezone: string;
  policy: ActivityPolicyInput;
  /** When the collection stopped, epoch ms; default the latest post of any channel in the input. */
  dataEnd?: number;
  /** A table for people instead of JSON Lines. */
  text: boolean;
}

/** One output line: a channel, how many posts it has, and its silence and burst findings. */
export interface ChannelActivity {
  channel: string;
  posts: number;
  findings: ActivityFinding[];
}

/**
 * Reads every line (a baseline needs a channel's whole history), then writes one line per
 * channel in first-seen order. Returns how many input lines were bad (each named on `errors`).
 */
export async function runActivity(input: Readable, output: Writable, errors: Writable, name: string, options: ActivityRunOptions): Promise<number> {
  const channels = new Map<string, number[]>();
  let latest = -Infinity;
  let bad = 0;
  for await (const entry of readJsonLines(input)) {
    const problem = (message: string): void => {
      bad++;
      errors.write(`${name}:${entry.line}: ${message}  activity/bad-line\n`);
    };
    if ('notJson' in entry) {
      problem(`not JSON: ${entry.notJson}`);
      continue;
    }
    const parsed = ActivityLine.safeParse(entry.value);
    if (!parsed.success) {
      problem(describeIssues(parsed.error.issues));
      continue;
    }
    const time = Date.parse(parsed.data.time);
    let times = channels.get(parsed.data.channel);
    if (times === undefined) {
      times = [];
      channels.set(parsed.data.channel, times);
    }
    times.push(time);
    latest = Math.max(latest, time);
  }
  const dataEnd = options.dataEnd ?? (Number.isFinite(latest) ? latest : options.at);
  const results: ChannelActivity[] = [];
  for (const [channel, times] of channels) {
    const check = { channel, at: options.at, timezone: options.timezone, dataEnd };
    const findings = [detectSilence(times, check, options.policy), detectBurst(times, check, options.policy)];
    const result = { channel, posts: times.length, findings };
    if (options.text) results.push(result);
    else await writeWithBackPressure(output, `${JSON.stringify(result)}\n`);
  }
  if (options.text) await writeWithBackPressure(output, activityTable(results));
  return bad;
}

function formatNumber(x: number | null, digits = 1): string {
  if (x === null) return '—';
  return x >= 1 || x === 0 ? x.toFixed(digits) : x.toPrecision(2);
}

/** A table, one row per finding, then each finding's sentence. */
export function activityTable(results: readonly ChannelActivity[]): string {
  const header = ['channel', 'looks for', 'finding', 'observed', 'expected', 'rate ratio (CI)', 'p'];
  const rows = results.flatMap((result) =>
    result.findings.map((finding) => [
      result.channel,
      finding.looksFor,
      finding.kind,
      String(finding.observed),
      formatNumber(finding.expected),
      finding.rateRatio === null
        ? '—'
        : `${formatNumber(finding.rateRatio.estimate, 2)} (${formatNumber(finding.rateRatio.lower, 2)}–${formatNumber(finding.rateRatio.upper, 2)})`,
      finding.pValue === null ? '—' : finding.pValue < 0.001 ? finding.pValue.toExponential(1) : String(Number(finding.pValue.toPrecision(2))),
    ]),
  );
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const numeric = new Set([3, 4]);
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  const sentences = results.flatMap((result) => result.findings.map((finding) => `${result.channel}, ${finding.looksFor}: ${finding.summary}`));
  return `${[line(header), ...rows.map(line)].join('\n')}\n\n${sentences.join('\n')}\n`;
}

function positiveHours(text: string, option: string): number {
  const hours = Number(text);
  if (!Number.isFinite(hours) || hours <= 0) throw new CliError(`${option}: "${text}" is not a positive number of hours`);
  return hours;
}

function instantOption(text: string, option: string): number {
  try {
    return instantOf(text, option);
  } catch {
    throw new CliError(`${option}: ${text} is not an ISO 8601 instant with an offset (e.g. 2026-09-18T02:10:00-04:00)`);
  }
}

interface ActivityFlags {
  at: string;
  timezone: string;
  silenceHours: string;
  burstHours: string;
  alpha: string;
  dataEnd?: string;
  text?: boolean;
}

export function registerActivity(program: Command): void {
  program
    .command('activity')
    .description('per channel, test for a silence and a burst after the claimed time against its own daily rhythm: JSON Lines of {"channel","time"} in, one line out per channel (docs/correlate/activity.md)')
    .argument('[file]', 'JSON Lines of {"channel","time"}; stdin when absent or -')
    .requiredOption('--at <time>', 'the claimed time, ISO 8601 with an offset (e.g. 2026-09-18T02:10:00-04:00)')
    .option('--timezone <zone>', "IANA timezone whose daily rhythm counts (the case's)", 'UTC')
    .option('--silence-hours <hours>', 'the silence window after --at', String(ACTIVITY_POLICY.silenceHours))
    .option('--burst-hours <hours>', 'the burst window after --at', String(ACTIVITY_POLICY.burstHours))
    .option('--alpha <level>', 'one-sided significance level', String(ACTIVITY_POLICY.alpha))
    .option('--data-end <time>', 'when the collection stopped (default: the latest post in the input); windows are cut there')
    .option('--text', 'a table for people instead of JSON Lines')
    .action(async (file: string | undefined, flags: ActivityFlags) => {
      const at = instantOption(flags.at, '--at');
      if (!IANAZone.isValidZone(flags.timezone)) throw new CliError(`--timezone: ${flags.timezone} is not an IANA timezone (e.g. America/Caracas)`);
      const alpha = Number(flags.alpha);
      if (!(alpha > 0 && alpha < 0.5)) throw new CliError(`--alpha: "${flags.alpha}" is not a level between 0 and 0.5`);
      const options: ActivityRunOptions = {
        at,
        timezone: flags.timezone,
        policy: { alpha, silenceHours: positiveHours(flags.silenceHours, '--silence-hours'), burstHours: positiveHours(flags.burstHours, '--burst-hours') },
        text: flags.text === true,
      };
      if (flags.dataEnd !== undefined) options.dataEnd = instantOption(flags.dataEnd, '--data-end');
      const { input, name } = await openJsonLines(file, 'stdin');
      const bad = await runActivity(input, process.stdout, process.stderr, name, options);
      if (bad > 0) {
        process.stderr.write(`corroborate activity: ${bad} bad ${bad === 1 ? 'line' : 'lines'} skipped\n`);
        process.exitCode = EXIT.findings;
      }
    });
}
