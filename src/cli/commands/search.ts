import type { Command } from 'commander';
import type { Config } from '../config.js';
import { printJson } from '../output.js';
import { loadCase, openWorkspace } from '../workspace.js';
import type { CommonOptions } from './ingest.js';

export function registerSearch(program: Command, config: () => Config): void {
  program
    .command('search')
    .description('full-text search over a case\'s reports (accents folded; every word must match)')
    .argument('<case>', 'case file (or its folder)')
    .argument('<words...>', 'words to find')
    .option('--limit <n>', 'at most this many reports', '20')
    .action(async (casePath: string, words: string[], options: CommonOptions & { limit: string }) => {
      const loaded = await loadCase(casePath);
      const workspace = await openWorkspace(loaded, config(), options.db);
      try {
        const limit = Math.max(1, Math.min(1000, Number.parseInt(options.limit, 10) || 20));
        const hits = await workspace.store.searchReports(loaded.caseFile.id, words.join(' '), limit);
        if (options.json === true) printJson({ query: words.join(' '), hits });
        else if (hits.length === 0) process.stdout.write('no reports match\n');
        else for (const hit of hits) process.stdout.write(`${hit.time ?? 'no time'}  ${hit.text.replace(/\s+/g, ' ').slice(0, 160)}\n`);
      } finally {
        await workspace.close();
      }
    });
}
