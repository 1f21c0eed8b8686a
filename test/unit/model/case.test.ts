import { describe, expect, it } from 'vitest';
import { CASE_SCHEMA_ID, claimedWindow, migrateCaseDocument, parseCaseFile, type CaseMigration } from '../../../src/model/index.js';
import { caseTemplate } from '../../../src/cli/commands/init.js';

const GOOD = `schema: corroborate.case/1
id: strike-test
title: Claimed strike
claim:
  text: "Un ataque con dron destruyó el campamento"
  claimant: { name: Comando de prueba, kind: military }
  eventType: air-drone-strike
  place: { name: Guasdualito, lat: 7.243, lon: -70.73 }
  time: 2026-09-18T02:10:00
  window: { start: 2026-09-18T01:30:00, end: 2026-09-18T03:00:00 }
  timezone: America/Caracas
  actors:
    - { name: Frente de prueba, role: target }
  outcome: { killed: 12, injured: { min: 2, max: 5 } }
sources:
  - { id: tg, kind: telegram, path: sources/result.json }
  - { id: feed, path: sources/feed.xml }
`;

describe('case file', () => {
  it('reads a valid case, with defaults filled in', () => {
    const result = parseCaseFile(GOOD);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.caseFile.claim.place.radiusKm).toBe(5);
    expect(result.caseFile.synthetic).toBe(false);
    expect(result.caseFile.sources.map((s) => s.kind ?? 'detect')).toEqual(['telegram', 'detect']);
    const window = claimedWindow(result.caseFile.claim);
    expect(window.start.toUTC().toISO()).toBe('2026-09-18T05:30:00.000Z');
    expect(window.end.toUTC().toISO()).toBe('2026-09-18T07:00:00.000Z');
  });

  it('lists every problem with its YAML path and line, not just the first', () => {
    const bad = GOOD.replace('window: { start: 2026-09-18T01:30:00', 'window: { start: yesterday')
      .replace('timezone: America/Caracas', 'timezone: Caracas/Venezuela')
      .replace('eventType: air-drone-strike', 'eventType: bombing')
      .replace('lat: 7.243', 'lat: 97.243')
      .replace('{ id: feed, path: sources/feed.xml }', '{ id: feed, path: sources/feed.xml, url: "https://x.example/feed" }')
      .replace('title: Claimed strike', 'title: Claimed strike\ncolour: red');
    const result = parseCaseFile(bad);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const shown = result.problems.map((p) => `${p.line ?? '?'} ${p.path}: ${p.message}`);
    expect(shown).toEqual([
      '4 colour: unknown field',
      expect.stringMatching(/^8 claim\.eventType: must be one of "armed-clash"/) as unknown as string,
      '9 claim.place.lat: Too big: expected number to be <=90',
      '11 claim.window.start: not a date',
      '12 claim.timezone: not an IANA timezone (e.g. America/Caracas)',
      '18 sources[1]: needs exactly one of path or url',
    ]);
  });

  it('says what is missing, and that a file is not a mapping', () => {
    const result = parseCaseFile('schema: corroborate.case/1\nid: x\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['title: missing (expected string)', 'claim: missing (expected object)']);
    const list = parseCaseFile('- a\n- b\n');
    expect(list.ok).toBe(false);
    if (!list.ok) expect(list.problems[0]?.message).toMatch(/a YAML mapping/);
  });

  it('reports YAML syntax errors with their line', () => {
    const result = parseCaseFile('schema: corroborate.case/1\nid: [unclosed\ntitle: x\n');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0]?.path).toBe('');
      // The flow sequence opened on line 2 is found unclosed where line 3 starts.
      expect(result.problems[0]?.line).toBe(3);
    }
  });

  it('refuses unknown and newer schema versions with a clear message', () => {
    const newer = parseCaseFile(GOOD.replace(CASE_SCHEMA_ID, 'corroborate.case/9'));
    expect(newer.ok).toBe(false);
    if (!newer.ok) {
      expect(newer.problems.map(({ path, line, column }) => ({ path, line, column }))).toEqual([{ path: 'schema', line: 1, column: 9 }]);
      expect(newer.problems[0]?.message).toContain('unknown schema "corroborate.case/9"');
    }
    const none = parseCaseFile(GOOD.replace(`schema: ${CASE_SCHEMA_ID}\n`, ''));
    expect(none.ok).toBe(false);
  });

  it('brings older documents up to date one `up` step at a time', () => {
    const migrations: CaseMigration[] = [
      { from: 'corroborate.case/0', to: 'corroborate.case/0.5', up: (d) => ({ ...d, title: d['name'], name: undefined }) },
      { from: 'corroborate.case/0.5', to: CASE_SCHEMA_ID, up: ({ name: _, ...rest }) => rest },
    ];
    const old = { schema: 'corroborate.case/0', name: 'Old case' };
    const migrated = migrateCaseDocument(old, migrations);
    expect(migrated).toEqual({ document: { schema: CASE_SCHEMA_ID, title: 'Old case' }, applied: ['corroborate.case/0 → corroborate.case/0.5', 'corroborate.case/0.5 → corroborate.case/1'] });
    const text = GOOD.replace(CASE_SCHEMA_ID, 'corroborate.case/0').replace('title: Claimed strike', 'name: Claimed strike');
    const result = parseCaseFile(text, migrations);
    expect(result.ok && result.caseFile.title).toBe('Claimed strike');
    expect(result.ok && result.migratedFrom).toHaveLength(2);
  });

  it('the template `corroborate init` writes is itself a valid case file', () => {
    const result = parseCaseFile(caseTemplate('my-case'));
    expect(result.ok).toBe(true);
  });
});
