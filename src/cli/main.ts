#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { readConfig, type Config } from './config.js';
import { CliError, EXIT } from './errors.js';
import { registerActivity } from './commands/activity.js';
import { registerAudit } from './commands/audit.js';
import { registerCapture } from './commands/capture.js';
import { registerClassify } from './commands/classify.js';
import { registerCluster } from './commands/cluster.js';
import { registerDedup } from './commands/dedup.js';
import { registerIngest } from './commands/ingest.js';
import { registerInit } from './commands/init.js';
import { registerParse } from './commands/parse.js';
import { registerPlaces } from './commands/places.js';
import { registerSearch } from './commands/search.js';
import { registerStatus } from './commands/status.js';
import { registerTimes } from './commands/times.js';
import { registerVault } from './commands/vault.js';
import { TOOL_VERSION } from './workspace.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  done, nothing found that needs attention
  1  findings: vault verify found missing/altered/unexpected files; audit verify found an edited, removed,
     reordered or unsigned entry (audit prove: the proof does not verify); with --strict, records had errors
  2  input or usage error: bad arguments, a case file with problems, a source that cannot be read
  3  infrastructure failure: the database or the disk failed

Environment:
  CORROBORATE_DB     a SQLite file or postgres://user@host/db URL (default: .corroborate/corroborate.db beside the case)
  CORROBORATE_ACTOR  who acts, as written in the custody and audit logs (default: user@host)
  CORROBORATE_HOME   the installation's folder; its Ed25519 signing key (captures, audit log) is in keys/ (default: ~/.corroborate)

Data: each case keeps its workspace in .corroborate/ beside the case file — the SQLite database,
the evidence vault (<case-id>/vault), the audit log (audit/) and the pseudonym key. See README.md.`;

export function buildProgram(): Command {
  let config: Config | null = null;
  const getConfig = (): Config => (config ??= readConfig(process.env, process.stderr.isTTY));
  const program = new Command()
    .name('corroborate')
    .description('Verify public claims about violent incidents from independent open-source evidence.')
    .version(TOOL_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride();
  registerInit(program);
  registerIngest(program, getConfig);
  registerCapture(program, getConfig);
  registerStatus(program, getConfig);
  registerSearch(program, getConfig);
  registerParse(program);
  registerTimes(program);
  registerClassify(program);
  registerDedup(program);
  registerCluster(program);
  registerPlaces(program);
  registerActivity(program);
  registerVault(program, getConfig);
  registerAudit(program, getConfig);
  // Options every case command shares.
  for (const command of program.commands) {
    if (['ingest', 'investigate', 'status', 'search'].includes(command.name())) {
      command
        .option('--db <url>', 'SQLite file or postgres:// URL (default: CORROBORATE_DB, else .corroborate/corroborate.db beside the case)')
        .option('--json', 'print one JSON object instead of text')
        .option('--quiet', 'no progress on stderr');
    }
  }
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.input;
    }
    if (error instanceof CliError) {
      process.stderr.write(`corroborate: ${error.message}\n`);
      for (const line of error.details) process.stderr.write(`  ${line}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`corroborate: failed: ${message}\n`);
    if (process.env['CORROBORATE_DEBUG'] !== undefined && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    return EXIT.infrastructure;
  }
}

// A reader that goes away (`corroborate parse … | head`) is not a failure: stop quietly. Work
// already stored stays; an ingest cut off here is completed by running it again.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  throw error;
});

process.exitCode = await main(process.argv);
