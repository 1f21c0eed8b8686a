import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { CASE_SCHEMA_ID } from '../../model/index.js';
import { CliError } from '../errors.js';

/** The commented template `corroborate init` writes: every field explained where it stands. */
export function caseTemplate(id: string): string {
  return `# A corroborate case: one claim, and the sources to check it against.
# Validate it with \`corroborate status <this file>\`; run everything with \`corroborate investigate\`.
schema: ${CASE_SCHEMA_ID}

# Lower-case letters, digits and dashes; names the case in the database and the vault.
id: ${id}
title: "Claimed strike near <place>, <date>"

# true marks demo or training material: every output made from it says SYNTHETIC.
synthetic: false

claim:
  # The claim as the claimant made it, in its own language.
  text: "<the statement, quoted>"
  language: es
  claimant:
    name: "<who made the claim: a ministry, an armed group, an outlet>"
    # government | military | armed-group | media | ngo | other
    kind: government
    # url: https://…            # where the claim was published
  # publishedAt: 2026-01-01T06:30:00   # when the claim was made
  # What is claimed to have happened, as an ACLED sub-event type:
  # air-drone-strike, shelling-artillery-missile-attack, remote-explosive-landmine-ied,
  # grenade, suicide-bomb, armed-clash, attack, abduction-forced-disappearance, …
  eventType: air-drone-strike
  place:
    name: "<town or place named in the claim>"
    # lat: 10.4806
    # lon: -66.9036
    # How far from the point an event still counts as "at the place".
    radiusKm: 5
  # A single claimed time, or a window (or both). Times without an offset are read in \`timezone\`.
  time: 2026-01-01T02:10:00
  # window:
  #   start: 2026-01-01T01:30:00
  #   end: 2026-01-01T03:00:00
  # IANA timezone of the place.
  timezone: America/Caracas
  # Organisations as named in public reports — never private persons.
  actors:
    - name: "<the armed organisation>"
      role: target          # perpetrator | target | claimant | other
  # What the claim says came of it.
  outcome:
    killed: 0               # a number, or {min: 3, max: 5}
    # injured: 0
    # text: "<e.g. a named organisation's commander killed>"

# The evidence to ingest. Paths are relative to this file. \`kind\` may be left out: the format
# is then detected from the content.
sources:
  # - id: telegram-channels
  #   kind: telegram
  #   path: sources/telegram/result.json      # Telegram Desktop → Export chat history → JSON
  # - id: outlet-feed
  #   kind: feed
  #   path: sources/outlet.xml                # RSS 2.0 or Atom
  #   role: media                             # who the source is, when you know it: media,
  #                                           # official, claimant, organisation, ngo,
  #                                           # eyewitness or outsider (else read from the text)

# Reference data for the analysis (optional).
# reference:
#   geonames: [reference/VE.txt]              # a GeoNames country dump refines the gazetteer
#   media: [reference/known-photos/]          # pictures known from before the event: re-posts
#                                             # of them are flagged as recycled
`;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a commented case file template into a folder')
    .argument('<dir>', 'folder for the case (created if missing)')
    .option('--id <id>', 'case id (default: the folder name)')
    .option('--force', 'overwrite an existing case.yaml')
    .action(async (dir: string, options: { id?: string; force?: boolean }) => {
      const folder = resolve(dir);
      const id = (options.id ?? folder.split(/[\\/]/).pop() ?? 'case')
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 64) || 'case';
      await mkdir(join(folder, 'sources'), { recursive: true });
      const path = join(folder, 'case.yaml');
      try {
        await writeFile(path, caseTemplate(id), { flag: options.force === true ? 'w' : 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(`${relative(process.cwd(), path)} exists; use --force to overwrite it`);
        throw error;
      }
      process.stdout.write(`wrote ${relative(process.cwd(), path) || path}\nnext: fill in the claim and the sources, put the files under ${relative(process.cwd(), join(folder, 'sources')) || 'sources'}/, then run\n  corroborate investigate ${relative(process.cwd(), path) || path}\n`);
    });
}
