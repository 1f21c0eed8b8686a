import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { AuditError, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, proveInclusion, readAuditLog, readAuditPayload, readPublicKeyFile, verifyAuditLog, type AuditFinding } from '../../audit/index.js';
import { signingKeyId } from '../../model/index.js';
import type { Config } from '../config.js';
import { CliError, EXIT } from '../errors.js';
import { plural, printJson, table } from '../output.js';
import { auditDirOf, installationKeysDir, loadCase } from '../workspace.js';

interface AuditOptions {
  json?: boolean;
  publicKey?: string[];
}

/** The case's audit folder; exit 2 when nothing was ever recorded there. */
async function locateAudit(target: string): Promise<{ dir: string; shown: string }> {
  const loaded = await loadCase(target);
  const dir = auditDirOf(loaded);
  const shown = relative(process.cwd(), dir) || dir;
  if (!(await readAuditLog(dir)).exists) throw new CliError(`case ${loaded.caseFile.id} has no audit log yet (nothing recorded): ${shown}`);
  return { dir, shown };
}

/**
 * The keys whose tree heads are trusted: those named with --public-key, else the installation's
 * own public key. Only public keys are needed: a reader can verify without the private key.
 */
async function trustedKeys(config: Config, files: readonly string[]): Promise<Buffer[]> {
  const read = async (path: string): Promise<Buffer | null> => {
    try {
      return await readPublicKeyFile(path);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
  };
  if (files.length > 0) {
    return Promise.all(
      files.map(async (file) => {
        const key = await read(file);
        if (key === null) throw new CliError(`no such key file: ${file}`);
        return key;
      }),
    );
  }
  const keysDir = installationKeysDir(config);
  const key = (await read(join(keysDir, PUBLIC_KEY_FILE))) ?? (await read(join(keysDir, PRIVATE_KEY_FILE)));
  if (key === null) throw new CliError(`no public key to check the tree heads with: ${join(keysDir, PUBLIC_KEY_FILE)} does not exist; name the key that signed them with --public-key <file>`);
  return [key];
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `audit/log.jsonl:7 entry 6 no longer matches its hash  audit/edited-entry`, as a compiler would say it. */
function describeFinding(shown: string, f: AuditFinding): string {
  return `  ${shown}/${f.file}${f.line === null ? '' : `:${f.line}`} ${f.message}  ${f.id}`;
}

function parseSeq(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new CliError(`the entry number must be a whole number from 0, not ${value}`);
  return Number(value);
}

function parseLimit(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (!/^\d+$/.test(value) || Number(value) === 0) throw new CliError(`--limit must be a whole number from 1, not ${value}`);
  return Number(value);
}

export function registerAudit(program: Command, config: () => Config): void {
  const audit = program.command('audit').description('audit verify | show | prove: the workspace’s tamper-evident log of every action (hash-chained, Merkle-rooted, signed)');
  audit
    .command('verify')
    .description('check the audit log’s chain, Merkle roots and signed tree heads; report any edited, removed, reordered or unsigned entry (exit 1 on any)')
    .argument('<case>', 'case file (or its folder)')
    .option('--public-key <file>', 'trust tree heads signed by this Ed25519 public key (PEM or DER; repeatable; default: the installation’s key)', collect)
    .option('--json', 'print one JSON object')
    .action(async (target: string, options: AuditOptions) => {
      const { dir, shown } = await locateAudit(target);
      const keys = await trustedKeys(config(), options.publicKey ?? []);
      const result = await verifyAuditLog(dir, { trustedKeys: keys });
      if (options.json === true) {
        const { entries: _entries, ...rest } = result;
        printJson({ audit: dir, ...rest, trustedKeys: keys.map((k) => signingKeyId(k)) });
      } else if (result.ok) {
        const head = result.lastSignedHead;
        process.stdout.write(
          `audit log ${shown}: OK — ${plural(result.size, 'entry', 'entries')} chained, root ${result.rootHash}` +
            (head === null ? '\n' : `, signed head of size ${head.size} at ${head.at} by key ${head.keyId}\n`),
        );
      } else {
        process.stdout.write(`audit log ${shown}: ${plural(result.findings.length, 'finding')}\n`);
        for (const f of result.findings) process.stdout.write(`${describeFinding(shown, f)}\n`);
      }
      process.exitCode = result.ok ? EXIT.ok : EXIT.findings;
    });

  audit
    .command('show')
    .description('list the audit log’s entries (the most recent N with --limit)')
    .argument('<case>', 'case file (or its folder)')
    .option('--limit <n>', 'only the last n entries')
    .option('--json', 'print one JSON object, each entry with its recorded details')
    .action(async (target: string, options: { json?: boolean; limit?: string }) => {
      const limit = parseLimit(options.limit);
      const { dir, shown } = await locateAudit(target);
      const read = await readAuditLog(dir);
      const lines = limit === null ? read.lines : read.lines.slice(-limit);
      if (options.json === true) {
        const entries = await Promise.all(
          lines.map(async (l) => ({ line: l.line, entry: l.entry, payload: l.entry === null ? null : await readAuditPayload(dir, l.entry.payloadSha256), problem: l.problem })),
        );
        printJson({ audit: dir, size: read.lines.length, tornBytes: read.tornBytes, entries });
        return;
      }
      process.stdout.write(`audit log ${shown}: ${plural(read.lines.length, 'entry', 'entries')}${lines.length < read.lines.length ? `, the last ${lines.length} shown` : ''}\n`);
      const rows = lines.map((l) =>
        l.entry === null ? [`line ${l.line}`, '', '', '', `(not an entry: ${l.problem ?? ''})`] : [String(l.entry.seq), l.entry.at, l.entry.actor, l.entry.action, l.entry.summary],
      );
      if (rows.length > 0) process.stdout.write(`${table([['seq', 'at', 'actor', 'action', 'summary'], ...rows])}\n`);
      if (read.tornBytes > 0) process.stdout.write(`  (and a torn last line of ${plural(read.tornBytes, 'byte')}: run audit verify)\n`);
    });

  audit
    .command('prove')
    .description('print the inclusion proof of one entry against the latest signed tree head, and whether it verifies (exit 1 if not)')
    .argument('<case>', 'case file (or its folder)')
    .argument('<seq>', 'the entry number (0-based, as audit show lists it)')
    .option('--public-key <file>', 'trust tree heads signed by this Ed25519 public key (PEM or DER; repeatable; default: the installation’s key)', collect)
    .option('--json', 'print one JSON object')
    .action(async (target: string, seqArg: string, options: AuditOptions) => {
      const seq = parseSeq(seqArg);
      const { dir } = await locateAudit(target);
      const keys = await trustedKeys(config(), options.publicKey ?? []);
      let proof;
      try {
        proof = await proveInclusion(dir, seq, { trustedKeys: keys });
      } catch (error) {
        if (error instanceof AuditError) throw new CliError(error.message);
        throw error;
      }
      if (options.json === true) {
        printJson(proof);
      } else {
        const { entry, head } = proof;
        const lines = [
          `entry ${seq}${entry === null ? ' (its line does not parse)' : ` (${entry.action}, ${entry.at}, ${entry.actor}): ${entry.summary}`}`,
          table([
            ['leaf hash', proof.leafHash],
            ['tree head', `size ${head.size}, root ${head.rootHash}, at ${head.at}`],
            ['signed by', `key ${head.keyId}: ${proof.headSigned ? 'the signature verifies' : 'the signature does NOT verify with a trusted key'}`],
            ['audit path', proof.path.length === 0 ? '(none: the tree has one entry)' : plural(proof.path.length, 'hash', 'hashes')],
          ]),
          ...proof.path.map((p) => `    ${p}`),
          proof.verified ? `  verified: entry ${seq} is in the tree of ${head.size} entries that the signed head names` : `  NOT verified: ${proof.headSigned ? 'the path does not lead to the signed root: the log was changed (run audit verify)' : 'the head is not signed by a trusted key'}`,
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      process.exitCode = proof.verified ? EXIT.ok : EXIT.findings;
    });
}
