import { DateTime } from 'luxon';
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { EventTypeSlug } from './event-type.js';
import { SourceRole } from './analysis.js';
import { IngestFormat } from './raw-item.js';

export const CASE_SCHEMA_ID = 'corroborate.case/1';

/** A date-time as written in a case file: ISO 8601, with or without an offset. */
const CaseTime = z.string().refine((text) => DateTime.fromISO(text, { setZone: true }).isValid, 'not a date');

const Timezone = z
  .string()
  .refine((zone) => DateTime.now().setZone(zone).isValid, 'not an IANA timezone (e.g. America/Caracas)');

const Count = z.union([
  z.number().int().nonnegative(),
  z
    .object({ min: z.number().int().nonnegative(), max: z.number().int().nonnegative() })
    .refine((range) => range.min <= range.max, 'min is greater than max'),
]);

export const ClaimedPlace = z
  .object({
    name: z.string().min(1).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    /** How far from the point an event still counts as "at the place". */
    radiusKm: z.number().positive().max(500).default(5),
  })
  .strict()
  .refine((place) => place.name !== undefined || (place.lat !== undefined && place.lon !== undefined), {
    message: 'needs a name, or both lat and lon',
  })
  .refine((place) => (place.lat === undefined) === (place.lon === undefined), {
    message: 'lat and lon go together',
  });

export const ClaimedWindow = z
  .object({ start: CaseTime, end: CaseTime })
  .strict()
  .refine(
    (w) => {
      const start = DateTime.fromISO(w.start);
      const end = DateTime.fromISO(w.end);
      return !start.isValid || !end.isValid || start <= end;
    },
    { message: 'start is after end', path: ['end'] },
  );

export const Actor = z
  .object({
    /** An organisation as named in public reports; never a private person. */
    name: z.string().min(1),
    role: z.enum(['perpetrator', 'target', 'claimant', 'other']),
  })
  .strict();

export const Claim = z
  .object({
    text: z.string().min(1),
    language: z.string().min(2).max(8).optional(),
    claimant: z
      .object({
        name: z.string().min(1),
        kind: z.enum(['government', 'military', 'armed-group', 'media', 'ngo', 'other']),
        url: z.url().optional(),
      })
      .strict(),
    /** When the claim itself was made public. */
    publishedAt: CaseTime.optional(),
    eventType: EventTypeSlug,
    place: ClaimedPlace,
    /** A single claimed time; or give a window. */
    time: CaseTime.optional(),
    window: ClaimedWindow.optional(),
    timezone: Timezone,
    actors: z.array(Actor).nullish().transform((list) => list ?? []),
    outcome: z
      .object({
        killed: Count.optional(),
        injured: Count.optional(),
        missing: Count.optional(),
        text: z.string().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((claim) => claim.time !== undefined || claim.window !== undefined, {
    message: 'needs a time or a window',
  });

export const SourceKind = IngestFormat;

export const CaseSource = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, . _ - only'),
    /** The format; when left out it is detected from the content. */
    kind: SourceKind.optional(),
    /** A file, relative to the case file. */
    path: z.string().min(1).optional(),
    /** An http(s) URL (feeds). */
    url: z.url({ protocol: /^https?$/ }).optional(),
    label: z.string().optional(),
    /** For tables from any scraper (kind `table`): which column holds which field, e.g. `{text: body, time: created_at}`. */
    map: z.record(z.string().min(1), z.string().min(1)).optional(),
    /**
     * Who this source is, when the investigator knows it (a newspaper's feed is `media`, a
     * ministry's channel `official`, the claimant's own channel `claimant`). It overrides what
     * the text alone suggests.
     */
    role: SourceRole.exclude(['unknown']).optional(),
  })
  .strict()
  .refine((source) => (source.path === undefined) !== (source.url === undefined), {
    message: 'needs exactly one of path or url',
  });
export type CaseSource = z.infer<typeof CaseSource>;

export const CaseFile = z
  .object({
    schema: z.literal(CASE_SCHEMA_ID),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and - only, up to 64'),
    title: z.string().min(1),
    /** Marks demo and test material so that nothing made from it passes for real evidence. */
    synthetic: z.boolean().default(false),
    claim: Claim,
    // `sources:` with only comments under it is null in YAML: read it as none yet.
    sources: z.array(CaseSource).nullish().transform((list) => list ?? []),
    /** Reference data the analysis reads, as files relative to the case file. */
    reference: z
      .object({
        /** GeoNames dumps (`VE.txt`, `allCountries.txt`) that refine the built-in gazetteer. */
        geonames: z.array(z.string().min(1)).optional(),
        /**
         * Pictures known from before the event, so that re-posts of them are flagged as recycled: a
         * folder of pictures and videos (dated by `seen`, else by each picture's EXIF time), or a
         * JSON Lines file of `{"hash","seen","source"}`.
         */
        media: z
          .array(z.union([z.string().min(1), z.object({ path: z.string().min(1), seen: CaseTime.optional() }).strict()]))
          .optional(),
      })
      .strict()
      .optional(),
    notes: z.string().optional(),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.sources.forEach((source, index) => {
      if (seen.has(source.id)) ctx.addIssue({ code: 'custom', path: ['sources', index, 'id'], message: `duplicate source id "${source.id}"` });
      seen.add(source.id);
    });
  });
export type CaseFile = z.infer<typeof CaseFile>;
export type Claim = z.infer<typeof Claim>;

/** One step from a case-file version to the next (tldraw-style record migrations). */
export interface CaseMigration {
  readonly from: string;
  readonly to: string;
  up(document: Record<string, unknown>): Record<string, unknown>;
}

/** corroborate.case/1 is the first version; later versions add their `up` step here. */
export const CASE_MIGRATIONS: readonly CaseMigration[] = [];

export interface CaseProblem {
  /** `claim.window.start`, `sources[2].path`, or '' for the document. */
  path: string;
  message: string;
  line: number | null;
  column: number | null;
}

export type CaseParseResult =
  | { ok: true; caseFile: CaseFile; migratedFrom: readonly string[] }
  | { ok: false; problems: CaseProblem[] };

/** Bring a document to the current schema, one `up` at a time. */
export function migrateCaseDocument(
  document: Record<string, unknown>,
  migrations: readonly CaseMigration[] = CASE_MIGRATIONS,
  target: string = CASE_SCHEMA_ID,
): { document: Record<string, unknown>; applied: string[] } | { problem: string } {
  let current = document;
  const applied: string[] = [];
  const known = new Set([target, ...migrations.flatMap((m) => [m.from, m.to])]);
  for (;;) {
    const version = current['schema'];
    if (typeof version !== 'string') return { problem: `missing; expected "${target}"` };
    if (version === target) return { document: current, applied };
    if (!known.has(version)) return { problem: `unknown schema "${version}"; this version of corroborate reads "${target}"` };
    const step = migrations.find((m) => m.from === version);
    if (step === undefined) return { problem: `"${version}" is newer than this version of corroborate (it reads "${target}")` };
    current = { ...step.up(current), schema: step.to };
    applied.push(`${step.from} → ${step.to}`);
  }
}

export function formatYamlPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/**
 * Parse and validate a case file. Every problem is listed with its YAML path and line, never
 * just the first one.
 */
export function parseCaseFile(text: string, migrations: readonly CaseMigration[] = CASE_MIGRATIONS): CaseParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): { line: number | null; column: number | null } => {
    if (offset === undefined) return { line: null, column: null };
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({ path: '', message: `YAML: ${error.message.split('\n')[0] ?? ''}`, ...at(error.pos[0]) })),
    };
  }
  const value: unknown = doc.toJS();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problems: [{ path: '', message: 'a case file is a YAML mapping (schema, id, title, claim, sources)', line: 1, column: 1 }] };
  }
  const migrated = migrateCaseDocument(value as Record<string, unknown>, migrations);
  if ('problem' in migrated) {
    return { ok: false, problems: [{ path: 'schema', message: migrated.problem, ...nodePosition(doc.contents, ['schema'], at) }] };
  }
  const parsed = CaseFile.safeParse(migrated.document);
  if (parsed.success) return { ok: true, caseFile: parsed.data, migratedFrom: migrated.applied };
  const problems = parsed.error.issues.flatMap((issue) => issueProblems(issue, doc.contents, at));
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { ok: false, problems };
}

function issueProblems(
  issue: z.core.$ZodIssue,
  root: unknown,
  at: (offset: number | undefined) => { line: number | null; column: number | null },
): CaseProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatYamlPath([...issue.path, key]),
      message: 'unknown field',
      ...nodePosition(root, [...issue.path, key], at, true),
    }));
  }
  return [{ path: formatYamlPath(issue.path), message: describeIssue(issue), ...nodePosition(root, issue.path, at) }];
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return `missing (expected ${issue.expected})`;
    return `expected ${issue.expected}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_union') return 'not a valid value here';
  return issue.message;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Where in the YAML text a path points: the deepest node that exists on the way. */
function nodePosition(
  root: unknown,
  path: readonly PropertyKey[],
  at: (offset: number | undefined) => { line: number | null; column: number | null },
  wantKey = false,
): { line: number | null; column: number | null } {
  let node = root as YamlNode | null | undefined;
  let offset = (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === segment);
      if (pair === undefined) break;
      const keyRange = (pair.key as { range?: [number, number, number] } | null)?.range;
      const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
      offset = wantKey && segment === path[path.length - 1] ? keyRange?.[0] : (valueRange?.[0] ?? keyRange?.[0]);
      node = pair.value as YamlNode | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as YamlNode | undefined;
      if (item === undefined) break;
      offset = (item as { range?: [number, number, number] }).range?.[0];
      node = item;
    } else break;
  }
  return at(offset);
}

/** The claimed window as instants: a single time becomes a zero-length window. */
export function claimedWindow(claim: Claim): { start: DateTime; end: DateTime } {
  const read = (text: string): DateTime => DateTime.fromISO(text, { zone: claim.timezone, setZone: false });
  if (claim.window !== undefined) return { start: read(claim.window.start), end: read(claim.window.end) };
  const time = read(claim.time ?? '');
  return { start: time, end: time };
}
