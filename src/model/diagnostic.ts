import { z } from 'zod';

/**
 * A problem with one record (or one source) that does not stop a run.
 * Modelled on unified's vfile messages: a stable rule id, where it happened, and what.
 */
export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

export const DiagnosticRecord = z.object({
  ruleId: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/),
  severity: Severity,
  message: z.string(),
  /** The file as the user knows it (relative to the case file when possible), or a URL. */
  file: z.string(),
  /** `#/messages/4812` (JSON pointer) for JSON inputs, `12:5` (line:column) for text, '' for the whole file. */
  location: z.string(),
});
export type DiagnosticRecord = z.infer<typeof DiagnosticRecord>;

const DIAGNOSTIC = Symbol('corroborate.diagnostic');

/** A diagnostic as it travels through a pipeline, told apart from records by a private brand. */
export type Diagnostic = DiagnosticRecord & { readonly [DIAGNOSTIC]: true };

export function diagnostic(
  ruleId: string,
  severity: Severity,
  message: string,
  file: string,
  location: string,
): Diagnostic {
  return { ruleId, severity, message, file, location, [DIAGNOSTIC]: true };
}

export function isDiagnostic(value: unknown): value is Diagnostic {
  return typeof value === 'object' && value !== null && DIAGNOSTIC in value;
}

/** `telegram/result.json#/messages/4812 warning date "31/02" is not a date  telegram/invalid-date` */
export function formatDiagnostic(d: DiagnosticRecord): string {
  const where = d.location === '' ? d.file : d.location.startsWith('#') ? `${d.file}${d.location}` : `${d.file}:${d.location}`;
  return `${where} ${d.severity} ${d.message}  ${d.ruleId}`;
}

/** Escape one JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  if (typeof segment === 'number') return String(segment);
  return segment.includes('~') || segment.includes('/') ? segment.replaceAll('~', '~0').replaceAll('/', '~1') : segment;
}

/** `#/messages/4812`; the empty path (the whole document) is '', which shows as the file alone. */
export function jsonPointer(segments: readonly (string | number)[]): string {
  return segments.length === 0 ? '' : `#/${segments.map(pointerSegment).join('/')}`;
}
