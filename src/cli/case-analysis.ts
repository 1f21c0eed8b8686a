import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { claimedWindow, formatDiagnostic, type Diagnostic, type SourceRole } from '../model/index.js';
import { geoparse, mergeGeoNamesDump, readReferenceSet, shippedGazetteer, type MediaSighting, type PlaceContext } from '../analyze/index.js';
import { hashReferenceFolder } from '../ingest/index.js';
import type { CaseAnalysis } from '../pipeline/index.js';
import { CliError } from './errors.js';
import type { LoadedCase, Workspace } from './workspace.js';

/**
 * Everything the analysis of a case reads besides its items: the gazetteer (refined by the
 * case's GeoNames dumps), the case's area and country, its timezone, what each source is, when
 * the claimed event began, and the pictures known from before it. Problems with reference data
 * are told through `warn` and never stop the run; a reference file that is not there does.
 */
export async function prepareCaseAnalysis(loaded: LoadedCase, workspace: Workspace, warn: (line: string) => void): Promise<CaseAnalysis> {
  const { caseFile } = loaded;
  const claim = caseFile.claim;
  const gazetteer = shippedGazetteer();
  for (const file of caseFile.reference?.geonames ?? []) {
    const path = await existing(loaded, file, 'reference.geonames');
    const merged = await mergeGeoNamesDump(gazetteer, createReadStream(path), { file }, (problem: Diagnostic) => {
      warn(formatDiagnostic(problem));
    });
    warn(`gazetteer: ${file}: ${merged.added.toLocaleString('en-US')} places added, ${merged.replaced.toLocaleString('en-US')} replaced, ${merged.rejected.toLocaleString('en-US')} lines rejected`);
  }

  // The case's area: its coordinates, or its place name read with the gazetteer.
  let near: PlaceContext['near'];
  if (claim.place.lat !== undefined && claim.place.lon !== undefined) near = { lat: claim.place.lat, lon: claim.place.lon, radiusKm: claim.place.radiusKm };
  else if (claim.place.name !== undefined) {
    const named = geoparse(claim.place.name, gazetteer).find((t) => t.lat !== null && t.lon !== null);
    if (named?.lat != null && named.lon !== null) near = { lat: named.lat, lon: named.lon, radiusKm: claim.place.radiusKm };
    else warn(`claim.place.name "${claim.place.name}" is not in the gazetteer: reports are placed without the case's area`);
  }
  const country = near === undefined ? undefined : gazetteer.nearest(near.lat, near.lon)?.countryCode;

  const sourceRoles = new Map<string, SourceRole>();
  for (const source of caseFile.sources) if (source.role !== undefined) sourceRoles.set(source.id, source.role);

  const reference: MediaSighting[] = [];
  for (const entry of caseFile.reference?.media ?? []) {
    const { path: file, seen } = typeof entry === 'string' ? { path: entry, seen: undefined } : entry;
    const path = await existing(loaded, file, 'reference.media');
    if ((await stat(path)).isDirectory()) {
      const set = await hashReferenceFolder(path, { source: file, ...(seen === undefined ? {} : { seen }) }, { ffmpeg: workspace.ffmpeg, timezone: claim.timezone });
      for (const problem of set.problems) warn(`reference.media ${file}/${problem.file}: ${problem.message}`);
      reference.push(...set.sightings);
    } else {
      const set = readReferenceSet(await readFile(path));
      for (const problem of set.problems) warn(`reference.media ${file}:${problem.line}: ${problem.message}`);
      reference.push(...set.sightings);
    }
  }

  return {
    context: {
      caseId: caseFile.id,
      timeZone: claim.timezone,
      place: { ...(country === undefined ? {} : { country }), ...(near === undefined ? {} : { near }) },
      gazetteer,
      sourceRoles,
    },
    eventStart: claimedWindow(claim).start.toUTC().toISO() ?? '',
    reference,
  };
}

async function existing(loaded: LoadedCase, file: string, field: string): Promise<string> {
  const path = resolve(loaded.dir, file);
  const info = await stat(path).catch(() => null);
  if (info === null) throw new CliError(`${field}: no such file or folder: ${file} (paths are relative to ${loaded.path})`);
  return path;
}
