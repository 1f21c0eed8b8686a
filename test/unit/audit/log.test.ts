import { spawnSync } from 'node:child_process';
import { appendFile, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AuditLog,
  HEADS_FILE,
  LOCK_FILE,
  LOG_FILE,
  canonicalJson,
  leafHash,
  merkleRoot,
  sha256Hex,
  signTreeHead,
  verifyAuditLog,
  verifyInclusion,
  type AuditFinding,
  type AuditVerification,
} from '../../../src/audit/index.js';
import { AuditEntry, SignedTreeHead, generateEd25519Signer, type Signer } from '../../../src/model/index.js';
import { steppingClock, useTempDirs } from '../../helpers/temp.js';

const tempDir = useTempDirs();

interface Opened {
  dir: string;
  log: AuditLog;
  signer: Signer;
}

async function openLog(dir: string, signer: Signer, clock = steppingClock()): Promise<AuditLog> {
  return AuditLog.open({ dir, clock, signer, toolVersion: '0.0.0-test' });
}

/** A log of `n` entries, with Spanish text so that some characters take two bytes. */
async function logOf(n: number): Promise<Opened> {
  const dir = join(await tempDir(), 'audit');
  const signer = generateEd25519Signer();
  const log = await openLog(dir, signer);
  for (let i = 0; i < n; i++) {
    await log.append({ actor: 'analista@equipo', action: i % 2 === 0 ? 'ingest' : 'analysis', caseId: 'caso-guasdualito', summary: `acción ${i}: señal del canal ${i}`, payload: { fuente: `canal-${i}`, elementos: i * 3 } });
  }
  return { dir, log, signer };
}

function verify(o: Opened): Promise<AuditVerification> {
  return verifyAuditLog(o.dir, { trustedKeys: [o.signer.publicKeySpki] });
}

async function linesOf(path: string): Promise<string[]> {
  return (await readFile(path, 'utf8')).split('\n').slice(0, -1);
}

async function writeLines(path: string, lines: readonly string[]): Promise<void> {
  await writeFile(path, lines.map((l) => `${l}\n`).join(''));
}

const ids = (findings: readonly AuditFinding[]): string[] => findings.map((f) => f.id);

/** The 1-based line of the byte at `offset` (a line feed belongs to the line it ends). */
function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

describe('audit log', () => {
  it('appends canonical, chained entries, each followed by a signed head over the whole log', async () => {
    const o = await logOf(5);
    const lines = await linesOf(join(o.dir, LOG_FILE));
    expect(lines).toHaveLength(5);
    const entries = lines.map((l) => AuditEntry.parse(JSON.parse(l)));
    expect(entries.map((e) => [e.seq, e.action, e.actor, e.caseId])).toEqual([0, 1, 2, 3, 4].map((i) => [i, i % 2 === 0 ? 'ingest' : 'analysis', 'analista@equipo', 'caso-guasdualito']));
    expect(entries[0]?.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < 5; i++) expect(entries[i]?.prevHash).toBe(entries[i - 1]?.hash);
    for (const [i, e] of entries.entries()) {
      expect(lines[i]).toBe(canonicalJson(e));
      const { hash, ...unsealed } = e;
      expect(hash).toBe(sha256Hex(canonicalJson(unsealed)));
    }
    // The details are kept under their hash, as canonical JSON.
    expect(await readFile(join(o.dir, 'payloads', `${entries[2]?.payloadSha256 ?? ''}.json`), 'utf8')).toBe('{"elementos":6,"fuente":"canal-2"}');

    const heads = (await linesOf(join(o.dir, HEADS_FILE))).map((l) => SignedTreeHead.parse(JSON.parse(l)));
    expect(heads.map((h) => h.size)).toEqual([1, 2, 3, 4, 5]);
    const leaves = lines.map((l) => leafHash(Buffer.from(l)));
    expect(heads.map((h) => h.rootHash)).toEqual([1, 2, 3, 4, 5].map((n) => merkleRoot(leaves, n).toString('hex')));
    expect(o.log.treeHead()).toEqual(heads[4]);

    expect(await verify(o)).toMatchObject({ ok: true, findings: [], size: 5, rootHash: heads[4]?.rootHash, lastSignedHead: heads[4], heads: 5 });
  });

  it('goes on after reopening, chained to the entries already there', async () => {
    const o = await logOf(3);
    const reopened = await openLog(o.dir, o.signer, steppingClock('2026-12-01T00:00:00Z'));
    expect(reopened.size).toBe(3);
    const { entry } = await reopened.append({ actor: 'revisora@equipo', action: 'vault-verify', caseId: 'caso-guasdualito', summary: 'vault verify: OK', payload: { ok: true } });
    expect(entry.seq).toBe(3);
    expect((await verify(o)).ok).toBe(true);
  });

  it('finds a single byte changed at any position of the log', async () => {
    const o = await logOf(4);
    const path = join(o.dir, LOG_FILE);
    const original = await readFile(path);
    for (let offset = 0; offset < original.length; offset++) {
      const bytes = Buffer.from(original);
      bytes[offset] = (bytes[offset] ?? 0) ^ 0x01;
      await writeFile(path, bytes);
      const result = await verify(o);
      const line = lineAt(original, offset);
      expect(result.ok, `byte ${offset}`).toBe(false);
      // The finding names the line the byte is on.
      expect(result.findings.some((f) => f.file === LOG_FILE && f.line === line), `byte ${offset} on line ${line}: ${JSON.stringify(result.findings)}`).toBe(true);
    }
    await writeFile(path, original);
    expect((await verify(o)).ok).toBe(true);
  });

  it('finds any byte changed to any other value, in either file (sampled)', async () => {
    const o = await logOf(6);
    const files = [join(o.dir, LOG_FILE), join(o.dir, HEADS_FILE)];
    const originals = await Promise.all(files.map((f) => readFile(f)));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 1 }), fc.nat(), fc.integer({ min: 1, max: 255 }), async (which, at, delta) => {
        const original = originals[which] as Buffer;
        const bytes = Buffer.from(original);
        const offset = at % bytes.length;
        bytes[offset] = ((bytes[offset] ?? 0) + delta) % 256;
        await writeFile(files[which] as string, bytes);
        try {
          const result = await verify(o);
          expect(result.ok).toBe(false);
          expect(result.findings.some((f) => f.line === lineAt(original, offset))).toBe(true);
        } finally {
          await writeFile(files[which] as string, original);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('finds a single byte changed at any position of the signed heads', async () => {
    const o = await logOf(3);
    const path = join(o.dir, HEADS_FILE);
    const original = await readFile(path);
    for (let offset = 0; offset < original.length; offset++) {
      const bytes = Buffer.from(original);
      bytes[offset] = (bytes[offset] ?? 0) ^ 0x01;
      await writeFile(path, bytes);
      const result = await verify(o);
      const line = lineAt(original, offset);
      expect(result.ok, `byte ${offset}`).toBe(false);
      expect(result.findings.some((f) => f.file === HEADS_FILE && f.line === line), `byte ${offset} on line ${line}: ${JSON.stringify(result.findings)}`).toBe(true);
    }
  });

  it.each([
    ['first', 0],
    ['middle', 2],
  ])('finds the %s entry removed, by its number', async (_name, seq) => {
    const o = await logOf(5);
    const path = join(o.dir, LOG_FILE);
    const lines = await linesOf(path);
    await writeLines(path, lines.filter((_l, i) => i !== seq));
    const result = await verify(o);
    expect(result.findings).toContainEqual(expect.objectContaining({ id: 'audit/missing-entry', file: LOG_FILE, seq }));
    expect(ids(result.findings)).toContain('audit/head-mismatch');
  });

  it('finds the last entry removed through the signed heads', async () => {
    const o = await logOf(5);
    const path = join(o.dir, LOG_FILE);
    await writeLines(path, (await linesOf(path)).slice(0, 4));
    const result = await verify(o);
    expect(result.findings).toEqual([expect.objectContaining({ id: 'audit/missing-entry', file: LOG_FILE, seq: 4, message: expect.stringMatching(/covers 5 entries but the log has 4 lines: entry 4 was removed from the end/) as unknown })]);
  });

  it('finds two entries swapped, naming both lines', async () => {
    const o = await logOf(5);
    const path = join(o.dir, LOG_FILE);
    const lines = await linesOf(path);
    await writeLines(path, [lines[0], lines[2], lines[1], lines[3], lines[4]] as string[]);
    const result = await verify(o);
    const reordered = result.findings.filter((f) => f.id === 'audit/reordered');
    expect(reordered.map((f) => [f.line, f.seq])).toEqual([
      [2, 2],
      [3, 1],
    ]);
    expect(ids(result.findings)).toContain('audit/head-mismatch');
    expect(ids(result.findings)).not.toContain('audit/missing-entry');
  });

  it('finds an entry copied in twice', async () => {
    const o = await logOf(3);
    const path = join(o.dir, LOG_FILE);
    const lines = await linesOf(path);
    await writeLines(path, [lines[0], lines[1], lines[1], lines[2]] as string[]);
    const result = await verify(o);
    expect(result.findings).toContainEqual(expect.objectContaining({ id: 'audit/duplicate-entry', line: 3, seq: 1 }));
  });

  it('finds an entry rewritten with a fresh hash: the chain and the signed root break', async () => {
    const o = await logOf(4);
    const path = join(o.dir, LOG_FILE);
    const lines = await linesOf(path);
    const entry = AuditEntry.parse(JSON.parse(lines[1] ?? ''));
    const { hash: _old, ...unsealed } = { ...entry, summary: 'nada que ver aquí' };
    lines[1] = canonicalJson({ ...unsealed, hash: sha256Hex(canonicalJson(unsealed)) });
    await writeLines(path, lines);
    const result = await verify(o);
    expect(result.findings).toContainEqual(expect.objectContaining({ id: 'audit/broken-chain', line: 3, seq: 2 }));
    expect(result.findings).toContainEqual(expect.objectContaining({ id: 'audit/head-mismatch', file: HEADS_FILE, line: 2, message: expect.stringContaining('(2 later heads do not match either)') as unknown }));
  });

  it('does not trust a log rewritten and signed with another key', async () => {
    const o = await logOf(3);
    const forger = generateEd25519Signer();
    const forged = await openLog(join(await tempDir(), 'audit'), forger);
    for (let i = 0; i < 3; i++) await forged.append({ actor: 'otro@lado', action: 'ingest', caseId: 'caso-guasdualito', summary: `falso ${i}`, payload: {} });
    for (const file of [LOG_FILE, HEADS_FILE, 'payloads']) await rm(join(o.dir, file), { recursive: true });
    for (const file of [LOG_FILE, HEADS_FILE]) await writeFile(join(o.dir, file), await readFile(join(forged.dir, file)));
    const result = await verify(o);
    expect(result.findings.filter((f) => f.id === 'audit/unknown-key').map((f) => f.line)).toEqual([1, 2, 3]);
    expect(result.findings).toContainEqual(expect.objectContaining({ id: 'audit/unsigned-entry', line: 1 }));
    expect(result.lastSignedHead).toBeNull();
    // With the forger's key trusted as well, only the missing details remain.
    const both = await verifyAuditLog(o.dir, { trustedKeys: [o.signer.publicKeySpki, forger.publicKeySpki] });
    expect(new Set(ids(both.findings))).toEqual(new Set(['audit/missing-payload']));
  });

  it('finds a head whose signature does not verify, and one whose signed root does not match the entries', async () => {
    const o = await logOf(3);
    const path = join(o.dir, HEADS_FILE);
    const heads = (await linesOf(path)).map((l) => SignedTreeHead.parse(JSON.parse(l)));
    const [h0, h1, h2] = heads as [SignedTreeHead, SignedTreeHead, SignedTreeHead];
    // Head 2 carries head 1's signature; a fourth head is properly signed over a root that is not the log's.
    const wrongRoot = signTreeHead(o.signer, 3, sha256Hex('otra raíz'), '2026-11-25T11:00:00.000Z');
    await writeLines(path, [h0, h1, { ...h2, signature: h1.signature }, wrongRoot].map((h) => canonicalJson(h)));
    const result = await verify(o);
    expect(result.findings.map((f) => [f.id, f.file, f.line])).toEqual([
      ['audit/bad-signature', HEADS_FILE, 3],
      ['audit/head-mismatch', HEADS_FILE, 4],
    ]);
  });

  it('finds two heads swapped', async () => {
    const o = await logOf(4);
    const path = join(o.dir, HEADS_FILE);
    const heads = await linesOf(path);
    await writeLines(path, [heads[0], heads[2], heads[1], heads[3]] as string[]);
    expect((await verify(o)).findings.map((f) => [f.id, f.file, f.line])).toEqual([['audit/reordered', HEADS_FILE, 3]]);
  });

  it('reports a torn last line after a crash, then sets it aside on the next append and records that', async () => {
    const o = await logOf(3);
    const path = join(o.dir, LOG_FILE);
    const cut = '{"action":"ingest","actor":"analista@equipo","at":"2026-11-25T10:';
    await appendFile(path, cut);
    const torn = await verify(o);
    expect(torn.findings).toEqual([expect.objectContaining({ id: 'audit/torn-line', file: LOG_FILE, line: 4 })]);
    expect(torn.size).toBe(3);

    const reopened = await openLog(o.dir, o.signer, steppingClock('2026-12-01T00:00:00Z'));
    const appended = await reopened.append({ actor: 'analista@equipo', action: 'ingest', caseId: 'caso-guasdualito', summary: 'de nuevo', payload: { n: 1 } });
    expect(appended.recoveries.map((e) => [e.seq, e.action])).toEqual([[3, 'audit-recovery']]);
    expect(appended.recoveries[0]?.summary).toMatch(/set aside a torn last line of log\.jsonl \(65 bytes\) left by an interrupted write, as torn\/log\.jsonl\.[0-9a-f]{64}\.bin/);
    expect(appended.entry.seq).toBe(4);
    const [kept] = await readdir(join(o.dir, 'torn'));
    expect(await readFile(join(o.dir, 'torn', kept ?? ''), 'utf8')).toBe(cut);
    expect(await verify(o)).toMatchObject({ ok: true, size: 5 });
  });

  it('reports entries left without a head by a crash between the two writes, and signs them with the next append', async () => {
    const o = await logOf(3);
    const path = join(o.dir, HEADS_FILE);
    await writeLines(path, (await linesOf(path)).slice(0, 2));
    expect((await verify(o)).findings).toEqual([expect.objectContaining({ id: 'audit/unsigned-entry', line: 3, seq: 2 })]);
    const reopened = await openLog(o.dir, o.signer);
    await reopened.append({ actor: 'analista@equipo', action: 'ingest', caseId: null, summary: 'después', payload: null });
    expect(await verify(o)).toMatchObject({ ok: true, size: 4 });
  });

  it('finds details edited or gone', async () => {
    const o = await logOf(2);
    const [first, second] = (await linesOf(join(o.dir, LOG_FILE))).map((l) => AuditEntry.parse(JSON.parse(l)));
    await writeFile(join(o.dir, 'payloads', `${first?.payloadSha256 ?? ''}.json`), '{"elementos":1,"fuente":"canal-0"}');
    await rm(join(o.dir, 'payloads', `${second?.payloadSha256 ?? ''}.json`));
    expect((await verify(o)).findings.map((f) => [f.id, f.seq])).toEqual([
      ['audit/edited-payload', 0],
      ['audit/missing-payload', 1],
    ]);
  });

  it('refuses to write an entry the verifier could not read, and the log stays clean', async () => {
    const o = await logOf(1);
    await expect(o.log.append({ actor: '', action: 'ingest', caseId: null, summary: 'sin actor', payload: {} })).rejects.toThrow(/actor/);
    await expect(o.log.append({ actor: 'a@b', action: 'ingest', caseId: null, summary: 'x'.repeat(1001), payload: {} })).rejects.toThrow(/summary/);
    expect(await verify(o)).toMatchObject({ ok: true, size: 1 });
    expect((await o.log.append({ actor: 'a@b', action: 'ingest', caseId: null, summary: 'bien', payload: {} })).entry.seq).toBe(1);
  });

  it('serialises appends made at once from one process', async () => {
    const dir = join(await tempDir(), 'audit');
    const signer = generateEd25519Signer();
    const log = await openLog(dir, signer);
    const appended = await Promise.all(Array.from({ length: 40 }, (_, i) => log.append({ actor: 'a@b', action: 'ingest', caseId: 'c', summary: `fuente ${i}`, payload: { i } })));
    expect(appended.map((a) => a.entry.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(await verifyAuditLog(dir, { trustedKeys: [signer.publicKeySpki] })).toMatchObject({ ok: true, size: 40, heads: 40 });
  });

  it('makes two writers on one log take turns through the lock file', async () => {
    const o = await logOf(1);
    const other = await openLog(o.dir, o.signer);
    const record = (who: string, i: number) => ({ actor: who, action: 'ingest' as const, caseId: 'c', summary: `${who} ${i}`, payload: { i } });
    const appended = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? o.log : other).append(record(i % 2 === 0 ? 'una@m' : 'otra@m', i))));
    expect(new Set(appended.map((a) => a.entry.seq)).size).toBe(30);
    expect(await verify(o)).toMatchObject({ ok: true, size: 31, heads: 31 });
    expect(await readdir(o.dir)).not.toContain(LOCK_FILE);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const o = await logOf(1);
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(join(o.dir, LOCK_FILE), `${gone}\n`);
    const { entry } = await o.log.append({ actor: 'a@b', action: 'export', caseId: null, summary: 'después del corte', payload: {} });
    expect(entry.seq).toBe(1);
    expect(await readdir(o.dir)).not.toContain(LOCK_FILE);
  });

  it('reads back what another writer appended before appending itself', async () => {
    const o = await logOf(2);
    const other = await openLog(o.dir, o.signer);
    await other.append({ actor: 'otra@maquina', action: 'review', caseId: 'caso-guasdualito', summary: 'aprobado', payload: {} });
    const { entry } = await o.log.append({ actor: 'analista@equipo', action: 'export', caseId: 'caso-guasdualito', summary: 'informe', payload: {} });
    expect(entry.seq).toBe(3);
    expect((await verify(o)).ok).toBe(true);
  });

  it('proves every entry is under the latest signed head, and stops proving an edited one', async () => {
    const o = await logOf(7);
    for (let seq = 0; seq < 7; seq++) {
      const proof = await o.log.inclusionProof(seq);
      expect(proof).toMatchObject({ seq, headSigned: true, verified: true, head: { size: 7 } });
      expect(proof.entry?.seq).toBe(seq);
      expect(verifyInclusion(Buffer.from(proof.leafHash, 'hex'), seq, 7, proof.path.map((p) => Buffer.from(p, 'hex')), Buffer.from(proof.head.rootHash, 'hex'))).toBe(true);
    }
    await expect(o.log.inclusionProof(7)).rejects.toThrow(/not under the latest signed head, which covers entries 0–6/);
    const path = join(o.dir, LOG_FILE);
    const lines = await linesOf(path);
    lines[4] = (lines[4] ?? '').replace('acción 4', 'acción 9');
    await writeLines(path, lines);
    expect(await o.log.inclusionProof(4)).toMatchObject({ headSigned: true, verified: false });
    expect(await o.log.inclusionProof(3)).toMatchObject({ headSigned: true, verified: false });
  });
});
