import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_DIAGNOSTICS, DEMO_ITEMS, DEMO_TOTAL_ITEMS, DEMO_TOTAL_REPORTS, copyDemo, itemsLine, linesOf, makeTempDir, removeTempDir, requireBuiltCli, runCli } from './helpers.js';

/** The parts of `status --json` these tests read. */
const StatusJson = z.object({
  case: z.object({ id: z.string(), synthetic: z.boolean() }),
  sources: z.array(z.object({ id: z.string(), items: z.number(), lastRun: z.object({ status: z.string() }).nullable() })),
  items: z.number(),
  reports: z.number(),
  diagnostics: z.object({ total: z.number() }),
  languages: z.record(z.string(), z.number()),
  analysis: z.object({
    eventTypes: z.record(z.string(), z.number()),
    sourceRoles: z.record(z.string(), z.number()),
    urgency: z.record(z.string(), z.number()),
    places: z.record(z.string(), z.number()),
    families: z.object({ families: z.number(), withCopies: z.number(), reportsInCopies: z.number(), largest: z.number() }),
    recycledMedia: z.number(),
    attributedTo: z.record(z.string(), z.number()),
  }),
});

const total = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);

const SearchJson = z.object({ query: z.string(), hits: z.array(z.object({ id: z.string(), time: z.string().nullable(), text: z.string() })) });

/** One line of `parse`: a RawItem as JSON. */
const ParsedItem = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/),
  format: z.enum(['telegram', 'feed']),
  externalId: z.string(),
  time: z.string().nullable(),
  channel: z.string(),
  text: z.string(),
  title: z.string().nullable(),
  media: z.array(z.object({ kind: z.string() })),
  location: z.string(),
});

const fold = (text: string): string => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

let dir: string;
let casePath: string;

beforeAll(async () => {
  requireBuiltCli();
  dir = await makeTempDir();
  casePath = await copyDemo(dir);
});

afterAll(async () => {
  await removeTempDir(dir);
});

describe('the demo case, end to end', () => {
  it('investigate ingests every source and says the data is SYNTHETIC', async () => {
    expect(existsSync(join(dir, '.corroborate'))).toBe(false);
    const run = await runCli(['investigate', casePath, '--quiet'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('SYNTHETIC');
    expect(run.stdout).toContain('case demo-guasdualito-2026-09-18');
    for (const [source, items, added] of DEMO_ITEMS) {
      expect(run.stdout).toMatch(new RegExp(`^✓ ${source}: .* ${itemsLine(items, added)}(, .*)?$`, 'm'));
    }
    expect(run.stdout).not.toContain('✗');
    expect(run.stdout).toContain(`items ${DEMO_TOTAL_ITEMS} · reports ${DEMO_TOTAL_REPORTS}`);
    // The workspace lands beside the case file.
    expect(existsSync(join(dir, '.corroborate', 'corroborate.db'))).toBe(true);
  });

  it('a second investigate finds the same items and adds none', async () => {
    const run = await runCli(['investigate', casePath, '--quiet'], { cwd: dir });
    expect(run.code).toBe(0);
    for (const [source, items] of DEMO_ITEMS) {
      expect(run.stdout).toMatch(new RegExp(`^✓ ${source}: .* ${itemsLine(items, 0)}(, .*)?$`, 'm'));
    }
    expect(run.stdout).toContain(`items ${DEMO_TOTAL_ITEMS} · reports ${DEMO_TOTAL_REPORTS}`);
  });

  it('status --json is one JSON object with every item counted', async () => {
    const run = await runCli(['status', casePath, '--json'], { cwd: dir });
    expect(run.code).toBe(0);
    const status = StatusJson.parse(JSON.parse(run.stdout));
    expect(status.items).toBe(DEMO_TOTAL_ITEMS);
    expect(status.reports).toBe(DEMO_TOTAL_REPORTS);
    expect(status.case.synthetic).toBe(true);
    expect(status.diagnostics.total).toBe(DEMO_DIAGNOSTICS);
    expect(Object.fromEntries(status.sources.map((s) => [s.id, s.items]))).toEqual(Object.fromEntries(DEMO_ITEMS.map(([source, , added]) => [source, added])));
    expect(status.sources.every((s) => s.lastRun?.status === 'completed')).toBe(true);
  });

  it('every report is analysed: languages, event types, roles, urgency, places, families, recycled pictures', async () => {
    const run = await runCli(['status', casePath, '--json'], { cwd: dir });
    const status = StatusJson.parse(JSON.parse(run.stdout));
    const { eventTypes, sourceRoles, urgency, places, families, recycledMedia } = status.analysis;
    for (const counts of [status.languages, eventTypes, sourceRoles, urgency, places]) expect(total(counts)).toBe(DEMO_TOTAL_REPORTS);
    expect(eventTypes['not analysed']).toBeUndefined();
    // The demo's story: a claimed drone strike, explosions heard by neighbours, the claimant's
    // channel, outlets, eyewitnesses in the residents' group.
    expect(eventTypes['air-drone-strike']).toBeGreaterThan(0);
    expect(eventTypes['explosion-unspecified']).toBeGreaterThan(0);
    for (const role of ['eyewitness', 'media', 'official']) expect(sourceRoles[role]).toBeGreaterThan(0);
    expect(DEMO_TOTAL_REPORTS - (places['none'] ?? 0)).toBeGreaterThan(DEMO_TOTAL_REPORTS / 3);
    expect(families.withCopies).toBeGreaterThan(0);
    expect(families.families).toBeLessThan(DEMO_TOTAL_REPORTS);
    // The landfill photo from May, re-posted on the morning after as the burning camp.
    expect(recycledMedia).toBeGreaterThanOrEqual(3);
    const text = await runCli(['status', casePath], { cwd: dir });
    // The demo's relays: the claimant's statement as outlets repeat it, "según vecinos".
    expect(total(status.analysis.attributedTo)).toBeGreaterThan(0);
    for (const line of ['event types: ', 'source roles: ', 'attribution: ', 'urgency: ', 'places: ', 'families: ', 'recycled media: ']) expect(text.stdout).toContain(`\n${line}`);
  });

  it('search finds reports that mention an explosion, with or without the accent', async () => {
    const run = await runCli(['search', casePath, 'explosión'], { cwd: dir });
    expect(run.code).toBe(0);
    const lines = linesOf(run.stdout);
    expect(lines.length).toBeGreaterThan(0);
    expect(run.stdout).not.toContain('no reports match');
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ {2}\S/);

    const accented = SearchJson.parse(JSON.parse((await runCli(['search', casePath, 'explosión', '--json'], { cwd: dir })).stdout));
    const plain = SearchJson.parse(JSON.parse((await runCli(['search', casePath, 'explosion', '--json'], { cwd: dir })).stdout));
    expect(accented.hits.length).toBe(lines.length);
    for (const hit of accented.hits) expect(fold(hit.text)).toContain('explosion');
    expect(plain.hits.map((h) => h.id)).toEqual(accented.hits.map((h) => h.id));
  });

  it('search with no match says so and exits 0', async () => {
    const run = await runCli(['search', casePath, 'zzqxj'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('no reports match\n');
  });

  it('parse prints one RawItem per line as JSON Lines, and stores nothing', async () => {
    const run = await runCli(['parse', join(dir, 'sources', 'feeds', 'portal-llanero.rss.xml')], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('reading as feed');
    expect(run.stdout.endsWith('\n')).toBe(true);
    const items = linesOf(run.stdout).map((line) => ParsedItem.parse(JSON.parse(line)));
    expect(items).toHaveLength(11);
    expect(items.every((item) => item.format === 'feed')).toBe(true);
    expect(new Set(items.map((item) => item.id)).size).toBe(11);
    expect(existsSync(join(dir, 'sources', 'feeds', '.corroborate'))).toBe(false);
  });
});
