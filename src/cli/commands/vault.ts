import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { systemClock } from '../../model/index.js';
import { Vault, type VaultFinding } from '../../vault/index.js';
import type { Config } from '../config.js';
import { CliError, EXIT } from '../errors.js';
import { plural, printJson } from '../output.js';
import { createProgress, formatBytes } from '../progress.js';
import { openAuditLog } from '../audit-trail.js';
import { TOOL_VERSION, loadCase, vaultDirOf, type LoadedCase } from '../workspace.js';

/** A case file or folder gives its vault (and the case, whose audit log records the check); `--vault` names a vault folder directly. */
async function locateVault(target: string | undefined, vaultFlag: string | undefined): Promise<{ dir: string; loaded: LoadedCase | null }> {
  if (vaultFlag !== undefined) {
    const info = await stat(vaultFlag).catch(() => null);
    if (info?.isDirectory() !== true) throw new CliError(`no vault folder at ${vaultFlag}`);
    return { dir: resolve(vaultFlag), loaded: null };
  }
  if (target === undefined) throw new CliError('name a case file (or its folder), or a vault folder with --vault');
  const loaded = await loadCase(target);
  const dir = vaultDirOf(loaded);
  const info = await stat(dir).catch(() => null);
  if (info?.isDirectory() !== true) throw new CliError(`case ${loaded.caseFile.id} has no vault yet (nothing ingested): ${relative(process.cwd(), dir)}`);
  return { dir, loaded };
}

export function registerVault(program: Command, config: () => Config): void {
  const vault = program.command('vault').description('vault verify: re-hash every evidentiary copy and check the custody log (exit 1 on any finding)');
  vault
    .command('verify')
    .description('re-hash every evidentiary copy; report missing, altered and unexpected files and custody-log breaks (exit 1 on any)')
    .argument('[case]', 'case file (or its folder)')
    .option('--vault <dir>', 'a vault folder, instead of a case')
    .option('--json', 'print one JSON object')
    .option('--quiet', 'no progress on stderr')
    .action(async (target: string | undefined, options: { vault?: string; json?: boolean; quiet?: boolean }) => {
      const { dir: root, loaded } = await locateVault(target, options.vault);
      const opened = await Vault.open({ root, clock: systemClock, actor: config().actor, toolVersion: TOOL_VERSION });
      const progress = createProgress(process.stderr, { quiet: options.quiet === true || options.json === true, now: () => performance.now() });
      let objects = 0;
      let bytes = 0;
      const findings: VaultFinding[] = await opened.verify((p) => {
        objects = p.totalObjects;
        bytes = p.totalBytes;
        progress.update('verifying', p.bytes, p.totalBytes, 'bytes');
      });
      progress.done();
      const { entries } = await opened.custody();
      if (loaded !== null) {
        const audit = await openAuditLog(loaded, config());
        const byKind: Record<string, number> = {};
        for (const f of findings) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
        await audit.append({
          actor: config().actor,
          action: 'vault-verify',
          caseId: loaded.caseFile.id,
          summary: `vault verify: ${findings.length === 0 ? 'OK' : plural(findings.length, 'finding')}, ${plural(objects, 'object')} re-hashed, custody log of ${plural(entries.length, 'entry', 'entries')}`,
          payload: { ok: findings.length === 0, objects, bytes, custodyEntries: entries.length, findingsByKind: byKind, findings: findings.map((f) => ({ kind: f.kind, subject: f.subject })) },
        });
      }
      if (options.json === true) {
        printJson({ vault: root, objects, bytes, custodyEntries: entries.length, ok: findings.length === 0, findings });
      } else {
        const shown = relative(process.cwd(), root) || root;
        if (findings.length === 0) {
          process.stdout.write(`vault ${shown}: OK — ${plural(objects, 'object')} (${formatBytes(bytes)}) re-hashed, custody log of ${plural(entries.length, 'entry', 'entries')} intact\n`);
        } else {
          process.stdout.write(`vault ${shown}: ${plural(findings.length, 'finding')}\n`);
          for (const f of findings) process.stdout.write(`  ${f.kind.padEnd(10)} ${f.subject}  ${f.message}\n`);
        }
      }
      process.exitCode = findings.length === 0 ? EXIT.ok : EXIT.findings;
    });
}
