import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { CliError } from './errors.js';

/**
 * What the JSON Lines commands (classify, times, dedup, geoparse, geocode) share: the input is a
 * file or stdin, read a line at a time; each line is one JSON value or a problem named by its
 * line number; output is written with back-pressure.
 */

/** A file argument, or stdin when it is absent or `-`; `name` is what diagnostics call it. */
export async function openJsonLines(file: string | undefined, stdinName: string): Promise<{ input: Readable; name: string }> {
  if (file === undefined || file === '-') return { input: process.stdin, name: stdinName };
  const info = await stat(file).catch(() => null);
  if (info?.isFile() !== true) throw new CliError(`no such file: ${file}`);
  return { input: createReadStream(file), name: file };
}

export type JsonLine = { line: number; value: unknown } | { line: number; notJson: string };

/** Every non-blank line in order, parsed, with its 1-based number; a line that is not JSON says why. */
export async function* readJsonLines(input: NodeJS.ReadableStream): AsyncGenerator<JsonLine> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, notJson: error instanceof Error ? error.message : String(error) };
      continue;
    }
    yield { line, value };
  }
}

/** Writes and, when the reader is behind, waits for it to drain. */
export async function writeWithBackPressure(output: NodeJS.WritableStream, text: string): Promise<void> {
  if (!output.write(text)) await new Promise((resolve) => output.once('drain', resolve));
}

/** Zod's issues as `path: message; …` (`line` for the line itself). */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || 'line'}: ${issue.message}`).join('; ');
}
