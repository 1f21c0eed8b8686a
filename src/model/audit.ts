import { z } from 'zod';
import { IsoInstant } from './raw-item.js';

/**
 * What the audit log records: one entry per action on a case. New actions are added at the end
 * of the list; an old verifier reads a newer action as an unreadable line, never as another one.
 */
export const AuditAction = z.enum([
  /** A source was read into the vault and the store (one entry per source and run). */
  'ingest',
  /** A web page was rendered and kept as evidence (`corroborate capture`). */
  'capture',
  /** A whole investigation was started on a case. */
  'investigate',
  /** An analysis run built reports, families and findings from stored items. */
  'analysis',
  /** A scoring policy or its per-case overrides changed. */
  'policy-change',
  /** A reviewer approved or overrode a proposed assessment. */
  'review',
  /** A verdict was published. */
  'publish',
  /** Evidence or a report left the workspace (report, bundle, dataset). */
  'export',
  /** The vault was re-hashed and its custody log checked. */
  'vault-verify',
  /** The log itself set aside a torn last line left by an interrupted write. */
  'audit-recovery',
]);
export type AuditAction = z.infer<typeof AuditAction>;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256');

/**
 * One line of a workspace's audit log (`.corroborate/audit/log.jsonl`), written as canonical
 * JSON. `hash` is SHA-256 of the canonical JSON of the entry without `hash`; `prevHash` is the
 * entry before's `hash` (64 zeros for the first), so entries chain; the lines are also the
 * leaves of a Merkle tree whose roots are signed (see SignedTreeHead).
 */
export const AuditEntry = z.strictObject({
  /** 0-based; also the entry's leaf index in the Merkle tree. */
  seq: z.number().int().nonnegative(),
  at: IsoInstant,
  /** Who acted: `analyst@host`. */
  actor: z.string().min(1).max(200),
  action: AuditAction,
  caseId: z.string().nullable(),
  /** One line for people: `ingest telegram-channels: 415 items (415 new)`. */
  summary: z.string().max(1000),
  /** SHA-256 of the canonical JSON of the action's details (kept in `payloads/<sha256>.json`). */
  payloadSha256: Sha256Hex,
  toolVersion: z.string(),
  prevHash: Sha256Hex,
  hash: Sha256Hex,
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The `prevHash` of entry 0. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/**
 * A signed tree head (`.corroborate/audit/heads.jsonl`): the Merkle root of the first `size`
 * entries, signed with the installation's Ed25519 key over the bytes `treeHeadBytes` gives.
 */
export const SignedTreeHead = z.strictObject({
  size: z.number().int().positive(),
  rootHash: Sha256Hex,
  at: IsoInstant,
  /** The first 32 hex digits of SHA-256 over the signing key's DER SubjectPublicKeyInfo (`signingKeyId`). */
  keyId: z.string().regex(/^[0-9a-f]{32}$/, '32 lower-case hex digits'),
  /** Ed25519, hex (64 bytes). Hex, not base64: base64's padding bits would let a changed character decode to the same bytes. */
  signature: z.string().regex(/^[0-9a-f]{128}$/, '128 lower-case hex digits'),
});
export type SignedTreeHead = z.infer<typeof SignedTreeHead>;
