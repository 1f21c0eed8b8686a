import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { z } from 'zod';
import { geoparse, loadGazetteer, mergeGeoNamesDump, resolveToponyms, SHIPPED_GAZETTEER, type Gazetteer, type PlaceContext } from '../../analyze/index.js';
import { formatDiagnostic, type Toponym } from '../../model/index.js';
import { CliError, EXIT } from '../errors.js';
import { openJsonLines, readJsonLines, writeWithBackPressure } from '../json-lines.js';

/**
 * `corroborate geoparse` and `corroborate geocode`: the places stage on JSON Lines, one output
 * object per input line, in order (docs/analysis/places.md).
 */

const GeoparseInput = z.object({ id: z.union([z.string(), z.number()]), text: z.string(), lang: z.string().optional() });
const GeocodeInput = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  toponyms: z.array(z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).refine((s) => s.end >= s.start, 'end is before start')),
});

interface PlacesOptions {
  geonames?: string;
  near?: string;
  country?: string;
  demonyms?: boolean;
}

/** `10.49,-66.88` or `10.49,-66.88,25` (radius in km, 50 when left out). */
export function parseNear(text: string): NonNullable<PlaceContext['near']> {
  const parts = text.split(',').map((part) => Number(part.trim()));
  const [lat, lon, radiusKm = 50] = parts;
  if (parts.length < 2 || parts.length > 3 || lat === undefined || lon === undefined || parts.some((n) => !Number.isFinite(n)) || Math.abs(lat) > 90 || Math.abs(lon) > 180 || radiusKm <= 0) {
    throw new CliError(`--near: "${text}" is not lat,lon[,radiusKm] (e.g. --near 10.49,-66.88,25)`);
  }
  return { lat, lon, radiusKm };
}

function contextOf(options: PlacesOptions): PlaceContext {
  const context: PlaceContext = {};
  if (options.near !== undefined) context.near = parseNear(options.near);
  if (options.country !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(options.country)) throw new CliError(`--country: "${options.country}" is not a two-letter ISO 3166-1 code (e.g. VE)`);
    context.country = options.country.toUpperCase();
  }
  return context;
}

async function gazetteerFor(options: PlacesOptions): Promise<Gazetteer> {
  const gazetteer = loadGazetteer(SHIPPED_GAZETTEER);
  if (options.geonames !== undefined) {
    const info = await stat(options.geonames).catch(() => null);
    if (info?.isFile() !== true) throw new CliError(`--geonames: no such file: ${options.geonames}`);
    const counts = await mergeGeoNamesDump(gazetteer, createReadStream(options.geonames, { highWaterMark: 1 << 20 }), { file: options.geonames }, (problem) => {
      process.stderr.write(`${formatDiagnostic(problem)}\n`);
    });
    process.stderr.write(`${options.geonames}: ${counts.added} places added, ${counts.replaced} replaced, ${counts.skipped} left out (feature class), ${counts.rejected} bad lines\n`);
  }
  return gazetteer;
}

/** The output shape: the contract's Toponym without the country code (which the output leaves out). */
function outputToponym(toponym: Toponym): Record<string, unknown> {
  return {
    start: toponym.start,
    end: toponym.end,
    name: toponym.name,
    lat: toponym.lat,
    lon: toponym.lon,
    precision: toponym.precision,
    confidence: toponym.confidence,
    ...(toponym.geonameid === undefined ? {} : { geonameid: toponym.geonameid }),
    ...(toponym.countryCode === undefined ? {} : { countryCode: toponym.countryCode }),
  };
}

/**
 * Run one JSON-Lines command: each line parsed and answered in order; a bad line is named on
 * stderr (`file:line`) and skipped; exit 1 at the end if any line was bad.
 */
export async function runJsonLines(input: Readable, inputName: string, command: string, answer: (value: unknown) => unknown, output: NodeJS.WritableStream = process.stdout): Promise<number> {
  let bad = 0;
  for await (const entry of readJsonLines(input)) {
    if ('notJson' in entry) {
      bad++;
      process.stderr.write(`${inputName}:${entry.line} error the line is not JSON: ${entry.notJson}  ${command}/bad-line\n`);
      continue;
    }
    let result: unknown;
    try {
      result = answer(entry.value);
    } catch (error) {
      bad++;
      const message = error instanceof z.ZodError ? error.issues.map((issue) => `${issue.path.join('.') || '(line)'}: ${issue.message}`).join('; ') : (error as Error).message;
      process.stderr.write(`${inputName}:${entry.line} error ${message}  ${command}/bad-line\n`);
      continue;
    }
    await writeWithBackPressure(output, `${JSON.stringify(result)}\n`);
  }
  return bad === 0 ? EXIT.ok : EXIT.findings;
}

function withPlaceOptions(command: Command): Command {
  return command
    .option('--geonames <file>', 'merge a GeoNames dump (VE.txt, allCountries.txt: 19 tab-separated columns) into the gazetteer first')
    .option('--near <lat,lon[,radiusKm]>', "the case's area: places inside it (radius 50 km by default) are preferred")
    .option('--country <CC>', "the case's country (ISO 3166-1 alpha-2, e.g. VE): its places are preferred");
}

export function registerPlaces(program: Command): void {
  withPlaceOptions(
    program
      .command('geoparse')
      .description('find and resolve the place names in each text: JSON Lines {"id","text","lang"?} in, {"id","toponyms":[…]} out')
      .argument('[file]', 'JSON Lines input (stdin when absent or -)'),
  )
    .option('--demonyms', 'also read demonyms ("Venezuelan", "Russian") as their country')
    .action(async (file: string | undefined, options: PlacesOptions) => {
      const context = contextOf(options);
      const gazetteer = await gazetteerFor(options);
      const { input, name } = await openJsonLines(file, '<stdin>');
      process.exitCode = await runJsonLines(input, name, 'geoparse', (value) => {
        const input = GeoparseInput.parse(value);
        return { id: input.id, toponyms: geoparse(input.text, gazetteer, { ...context, demonyms: options.demonyms === true }).map(outputToponym) };
      });
    });

  withPlaceOptions(
    program
      .command('geocode')
      .description('resolve given place-name spans: JSON Lines {"id","text","toponyms":[{"start","end"}]} in, {"id","toponyms":[…]} out, one per span')
      .argument('[file]', 'JSON Lines input (stdin when absent or -)'),
  ).action(async (file: string | undefined, options: PlacesOptions) => {
    const context = contextOf(options);
    const gazetteer = await gazetteerFor(options);
    const { input, name } = await openJsonLines(file, '<stdin>');
    process.exitCode = await runJsonLines(input, name, 'geocode', (value) => {
      const input = GeocodeInput.parse(value);
      const outside = input.toponyms.find((span) => span.end > input.text.length);
      if (outside !== undefined) throw new Error(`toponyms: the span ${outside.start}–${outside.end} runs past the text's ${input.text.length} characters`);
      return { id: input.id, toponyms: resolveToponyms(input.text, input.toponyms, gazetteer, context).map(outputToponym) };
    });
  });
}
