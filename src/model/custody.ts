import { z } from 'zod';

export const CustodyAction = z.enum([
  /** A source's bytes entered the vault as an evidentiary copy. */
  'captured',
  /** A working copy was made from an evidentiary copy. */
  'copied',
  /** An evidentiary copy left the vault in an export or bundle. */
  'exported',
]);
export type CustodyAction = z.infer<typeof CustodyAction>;

/** One line of a vault's append-only, hash-chained custody log. */
export const CustodyEntry = z.object({
  seq: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  /** Who or what acted: `analyst@host via corroborate 0.1.0`. */
  actor: z.string(),
  action: CustodyAction,
  /** SHA-256 (hex) of the evidentiary copy concerned. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  mediaType: z.string(),
  /** Where the bytes came from (captured) or went to (copied, exported). */
  source: z.object({ path: z.string().nullable(), url: z.string().nullable() }),
  caseId: z.string().nullable(),
  toolVersion: z.string(),
  note: z.string().nullable(),
  /** Hash of the previous entry ('' for the first), then of this entry without `hash`. */
  prev: z.string(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CustodyEntry = z.infer<typeof CustodyEntry>;
