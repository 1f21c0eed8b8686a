import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { diagnostic, type Incident, type MediaFacts, type RawItem, type Report } from '../../src/model/index.js';
import { Store } from '../../src/store/index.js';
import { openDatabase } from '../../src/store/open.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/databases.js';
import { testCase, testItem } from '../helpers/items.js';

const AT = '2026-11-25T10:00:00.000Z';

for (const dialect of DIALECTS) {
  describe(`store on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeAll(async () => {
      database = await freshDatabase(dialect);
      store = await database.open();
      await store.upsertCase(testCase(), '/cases/test/case.yaml', AT);
      await store.upsertSource({ caseId: 'test-case', id: 'tg', kind: 'telegram', path: 'sources/result.json', url: null, label: null }, AT);
    });

    afterAll(async () => {
      await store.close();
      await database.drop();
    });

    it('migrates a fresh database, and opening it again migrates nothing twice', async () => {
      const again = await database.open();
      expect(await again.getCase('test-case')).toMatchObject({ id: 'test-case', synthetic: true, caseFile: '/cases/test/case.yaml' });
      await again.close();
    });

    it('keeps the claim of a case as given, and updates it in place', async () => {
      const kase = await store.getCase('test-case');
      expect(kase?.claim.place).toEqual({ name: 'Guasdualito', lat: 7.24, lon: -70.73, radiusKm: 5 });
      await store.upsertCase({ ...testCase(), title: 'Renamed' }, null, '2026-11-25T11:00:00.000Z');
      expect(await store.getCase('test-case')).toMatchObject({ title: 'Renamed', createdAt: AT, updatedAt: '2026-11-25T11:00:00.000Z' });
      expect((await store.listCases()).map((c) => c.id)).toEqual(['test-case']);
    });

    it('stores raw items once: inserting the same items again adds nothing', async () => {
      const items = Array.from({ length: 1203 }, (_, i) => testItem(i));
      expect(await store.insertRawItems('test-case', 'tg', items, AT)).toBe(1203);
      expect(await store.insertRawItems('test-case', 'tg', items, AT)).toBe(0);
      expect(await store.insertRawItems('test-case', 'tg', [...items.slice(0, 3), testItem(5000)], AT)).toBe(1);
      expect(await store.countRawItems('test-case')).toBe(1204);
    });

    it('gives items back exactly as they went in, in a stable order', async () => {
      const item = testItem(7001, {
        text: 'Texto con emoji 💥 y árabe مرحبا',
        author: { id: 'persona-abc', name: 'persona-abc', pseudonymous: true },
        geo: { lat: 7.2123456789, lon: -70.7312345678 },
        media: [{ kind: 'photo', ref: 'photos/p.jpg', status: 'captured', sha256: 'a'.repeat(64), mediaType: 'image/jpeg', bytes: 1234, width: 640, height: 480 }],
        extra: { poll: { question: '¿Escucharon?', answers: [{ text: 'Sí', voters: 3 }] } },
        origin: { file: 'result.json', sha256: 'b'.repeat(64), location: '#/chats/list/2/messages/17', offset: 5_000_000_000, length: 812 },
      });
      await store.insertRawItems('test-case', 'tg', [item], AT);
      expect(await store.getRawItem('test-case', item.id)).toEqual({ ...item, sourceId: 'tg' });
      const keys: string[] = [];
      for await (const it of store.iterateRawItems('test-case', 100)) keys.push(`${it.time ?? ''} ${it.id}`);
      expect(keys).toHaveLength(1205);
      expect(new Set(keys).size).toBe(1205);
      // By time, then id: the order of the store's key, which an ingest appends to.
      expect([...keys].sort()).toEqual(keys);
    });

    it('counts items by source and format', async () => {
      expect(await store.countRawItemsBy('test-case', 'source_id')).toEqual([{ key: 'tg', count: 1205 }]);
      expect(await store.countRawItemsBy('test-case', 'format')).toEqual([{ key: 'telegram', count: 1205 }]);
    });

    it('stores each diagnostic once, however many runs see it', async () => {
      const d = (n: number) => ({ ...diagnostic('telegram/invalid-date', 'warning', `"date" ${n} is not a date`, 'result.json', `#/messages/${n}`), sourceId: 'tg' });
      await store.startRun({ id: 'run-1', caseId: 'test-case', sourceId: 'tg', startedAt: AT, toolVersion: 'test' });
      expect(await store.insertDiagnostics('test-case', 'run-1', [d(1), d(2), d(2)], AT)).toBe(2);
      expect(await store.insertDiagnostics('test-case', 'run-1', [d(1), d(3)], AT)).toBe(1);
      expect(await store.countDiagnosticsByRule('test-case')).toEqual([{ key: 'telegram/invalid-date', severity: 'warning', count: 3 }]);
      expect((await store.listDiagnostics('test-case')).map((x) => x.location).sort()).toEqual(['#/messages/1', '#/messages/2', '#/messages/3']);
    });

    it('records runs, and marks a run left running by a dead process as interrupted', async () => {
      await store.startRun({ id: 'run-2', caseId: 'test-case', sourceId: 'tg', startedAt: '2026-11-25T10:05:00.000Z', toolVersion: 'test' });
      await store.updateRun('run-2', { status: 'completed', itemsSeen: 10, itemsAdded: 4, inputBytes: 5_000_000_000, finishedAt: AT });
      expect(await store.markInterrupted('test-case', 'tg', AT)).toBe(1);
      const runs = await store.listRuns('test-case');
      expect(runs.map((r) => [r.id, r.status])).toEqual([
        ['run-1', 'interrupted'],
        ['run-2', 'completed'],
      ]);
      expect(runs[1]).toMatchObject({ itemsSeen: 10, itemsAdded: 4, inputBytes: 5_000_000_000 });
    });

    it('keeps conditional-GET validators per source', async () => {
      await store.setFetchState('test-case', 'tg', { etag: '"abc"', lastModified: 'Wed, 18 Sep 2026 10:00:00 GMT', fetchedAt: AT });
      expect(await store.getSource('test-case', 'tg')).toMatchObject({ etag: '"abc"', lastModified: 'Wed, 18 Sep 2026 10:00:00 GMT', lastFetchedAt: AT });
    });

    it('mirrors custody entries once each', async () => {
      const entry = {
        seq: 1,
        at: AT,
        actor: 'tester@host',
        action: 'captured' as const,
        sha256: 'c'.repeat(64),
        bytes: 10,
        mediaType: 'application/json',
        source: { path: 'result.json', url: null },
        caseId: 'test-case',
        toolVersion: 'test',
        note: null,
        prev: '',
        hash: 'd'.repeat(64),
      };
      expect(await store.insertCustodyEntries('test-case', [entry])).toBe(1);
      expect(await store.insertCustodyEntries('test-case', [entry])).toBe(0);
      expect(await store.lastCustodySeq('test-case')).toBe(1);
      expect(await store.lastCustodySeq('another-vault')).toBe(0);
      expect(await store.listCustody('test-case')).toEqual([
        { seq: 1, at: AT, action: 'captured', sha256: 'c'.repeat(64), bytes: 10, mediaType: 'application/json', sourcePath: 'result.json', sourceUrl: null },
      ]);
    });

    it('finds reports by full-text search with accents folded, newest first', async () => {
      const report = (n: number, text: string, time: string) => unanalysedReport(`r${n}`, text, time);
      await store.upsertReports(
        [
          report(1, 'Se escuchó una explosión en Guasdualito', '2026-09-18T06:10:00Z'),
          report(2, 'EXPLOSION reported near the border', '2026-09-18T07:00:00Z'),
          report(3, 'Cola de gasolina en la avenida', '2026-09-18T08:00:00Z'),
        ],
        AT,
      );
      expect((await store.searchReports('test-case', 'explosion')).map((r) => r.id)).toEqual(['r2', 'r1']);
      expect((await store.searchReports('test-case', 'explosión guasdualito')).map((r) => r.id)).toEqual(['r1']);
      expect(await store.searchReports('test-case', '"; DROP TABLE reports; --')).toEqual([]);
      expect(await store.searchReports('other-case', 'explosion')).toEqual([]);
      // Rewriting a report replaces it in the index too.
      await store.upsertReports([report(1, 'Falsa alarma, no hubo nada', '2026-09-18T06:10:00Z')], AT);
      expect((await store.searchReports('test-case', 'explosion')).map((r) => r.id)).toEqual(['r2']);
      expect((await store.searchReports('test-case', 'alarma')).map((r) => r.id)).toEqual(['r1']);
      expect(await store.countReportsBy('test-case', 'language')).toEqual([{ key: 'es', count: 3 }]);
    });

    it('keeps what the analysis says about a report and gives it back whole, family set later', async () => {
      const analysed: Report = {
        ...unanalysedReport('a1', 'URGENTE: según el alcalde, 3 muertos tras explosión en Petare anoche', '2026-09-18T06:10:00Z'),
        classification: {
          eventType: 'explosion-unspecified',
          negated: false,
          hedged: true,
          sourceRole: 'media',
          attributedTo: 'el alcalde',
          related: true,
          urgency: 'breaking',
          cues: [{ start: 0, end: 7, cue: 'urgente' }],
        },
        times: [
          { start: 62, end: 68, text: 'anoche', from: '2026-09-17T23:00:00Z', to: '2026-09-18T10:00:00Z', precision: 'part-of-day', relative: true, timeZone: 'America/Caracas' },
        ],
        eventTime: { from: '2026-09-17T23:00:00Z', to: '2026-09-18T10:00:00Z', precision: 'part-of-day' },
        counts: [{ start: 27, end: 36, text: '3 muertos', kind: 'killed', min: 3, max: 3 }],
        toponyms: [{ start: 55, end: 61, name: 'Petare', lat: 10.48, lon: -66.81, precision: 'locality', confidence: 0.8, geonameid: 3629576, countryCode: 'VE' }],
        place: { lat: 10.48, lon: -66.81, precision: 'locality', confidence: 0.8, name: 'Petare', from: 'text' },
        family: null,
        recycledMedia: [],
      };
      await store.upsertReports([analysed, unanalysedReport('a2', 'copia', '2026-09-18T07:00:00Z')], AT);
      expect(await store.getReport('test-case', 'a1')).toEqual(analysed);
      const recycled = { hash: '0123456789abcdef', earliest: { hash: '0123456789abcdee', item: null, seen: '2024-05-03T00:00:00Z', source: 'archive:IMG_1.jpg' }, distance: 1 };
      await store.setReportProvenance('test-case', [
        { id: 'a1', family: { family: 'a1', root: 'a1', parent: null, link: 'root' }, recycledMedia: [] },
        { id: 'a2', family: { family: 'a1', root: 'a1', parent: 'a1', link: 'near' }, recycledMedia: [recycled] },
      ]);
      const copy = await store.getReport('test-case', 'a2');
      expect(copy?.family).toEqual({ family: 'a1', root: 'a1', parent: 'a1', link: 'near' });
      expect(copy?.recycledMedia).toEqual([recycled]);
      // Remaking a report (a newer analysis) keeps the family the families stage gave it.
      await store.upsertReports([{ ...analysed, classification: { ...analysed.classification, hedged: false } }], AT);
      const again = await store.getReport('test-case', 'a1');
      expect(again?.classification.hedged).toBe(false);
      expect(again?.family).toEqual({ family: 'a1', root: 'a1', parent: null, link: 'root' });
      expect(await store.countFamilies('test-case')).toEqual({ families: 1, withCopies: 1, reportsInCopies: 2, largest: 2 });
      // The search test's three reports share the case: they were never analysed.
      expect(await store.countReportsBy('test-case', 'source_role')).toEqual([
        { key: 'media', count: 1 },
        { key: 'unknown', count: 4 },
      ]);
      const ids: string[] = [];
      for await (const r of store.iterateReports('test-case', 1)) ids.push(r.id);
      expect(ids).toEqual(['a1', 'a2', 'r1', 'r2', 'r3']);
    });

    it('rolls a transaction back whole when any write in it fails', async () => {
      const before = await store.countRawItems('test-case');
      await expect(
        store.transaction(async (tx) => {
          await tx.insertRawItems('test-case', 'tg', [testItem(9001)], AT);
          await tx.insertRawItems('no-such-case', 'tg', [testItem(9002)], AT);
        }),
      ).rejects.toThrow();
      expect(await store.countRawItems('test-case')).toBe(before);
    });

    it('keeps media facts once per content hash and finds near copies through the band index', async () => {
      const original = mediaFacts('a'.repeat(64), 'f0f0f0f0a5a5a5a5', [{ timeSeconds: 1.5, perceptualHash: '0123456789abcdef' }]);
      // The same picture re-encoded: three bits differ. Another picture: far away.
      const copy = mediaFacts('b'.repeat(64), flipBits('f0f0f0f0a5a5a5a5', [0, 17, 63]), []);
      const other = mediaFacts('c'.repeat(64), '0f0f0f0f5a5a5a5a', []);
      expect(await store.upsertMediaFacts('test-case', [original, copy, other], AT)).toBe(3);
      expect(await store.upsertMediaFacts('test-case', [original], AT)).toBe(0);
      expect([...(await store.knownMedia('test-case', ['a'.repeat(64), 'd'.repeat(64)]))]).toEqual(['a'.repeat(64)]);
      expect(await store.getMediaFacts('test-case', 'b'.repeat(64))).toEqual(copy);

      const near = await store.findSimilarMedia('test-case', 'f0f0f0f0a5a5a5a5', 'dhash-64', 10);
      expect(near.map((m) => [m.sha256.slice(0, 1), m.frameMs, m.distance])).toEqual([
        ['a', -1, 0],
        ['b', -1, 3],
      ]);
      // A keyframe of a video is found like a picture, with its time.
      expect((await store.findSimilarMedia('test-case', flipBits('0123456789abcdef', [5, 6]), 'dhash-64', 10)).map((m) => [m.frameMs, m.distance])).toEqual([[1500, 2]]);
      // Hashes made another way never match.
      expect(await store.findSimilarMedia('test-case', 'f0f0f0f0a5a5a5a5', 'phash-64', 10)).toEqual([]);
      expect(await store.countMedia('test-case')).toEqual({ total: 3, withTime: 1, withPlace: 1, hashed: 3, byKind: { image: 3 } });
    });

    it('finds every copy within 10 bits, whichever bits differ', async () => {
      const base = '5a5aa5a5c3c33c3c';
      const copies = Array.from({ length: 40 }, (_, i) => {
        const bits = Array.from({ length: 10 }, (_, k) => (i * 7 + k * 13) % 64);
        return mediaFacts(`${i.toString(16).padStart(2, '0')}${'e'.repeat(62)}`, flipBits(base, [...new Set(bits)]), []);
      });
      await store.upsertMediaFacts('test-case', copies, AT);
      const found = await store.findSimilarMedia('test-case', base, 'dhash-64', 10);
      expect(found.filter((m) => m.sha256.endsWith('e'.repeat(62))).length).toBe(40);
    });

    it('keeps the incidents of a case, replaces them when remade, and says which incident each report is in', async () => {
      await store.upsertReports([unanalysedReport('i1', 'explosión', '2026-09-18T06:10:00Z'), unanalysedReport('i2', 'explosión y humo', '2026-09-18T06:20:00Z')], AT);
      const incident = (id: string, reports: number): Incident => ({
        id,
        reports,
        families: reports,
        centroid: reports > 1 ? { lat: 7.2431, lon: -70.7312 } : null,
        uncertaintyKm: reports > 1 ? 6.5 : null,
        placedReports: reports > 1 ? 2 : 0,
        window: { from: '2026-09-18T06:10:00.000Z', to: '2026-09-18T06:20:00.000Z' },
        eventTypes: [{ type: 'explosion-unspecified', reports }],
        byRole: { eyewitness: reports },
        byLanguage: { es: reports },
        firstReport: { id, time: '2026-09-18T06:10:00.000Z' },
        lastReport: { id, time: '2026-09-18T06:20:00.000Z' },
        topTerms: ['explosion'],
      });
      await store.replaceIncidents('test-case', [incident('i1', 2), incident('lone', 1)], AT);
      await store.setReportIncidents('test-case', [
        { id: 'i1', incident: 'i1' },
        { id: 'i2', incident: 'i1' },
      ]);
      expect(await store.listIncidents('test-case')).toEqual([incident('i1', 2), incident('lone', 1)]);
      expect(await store.countIncidents('test-case')).toEqual({ incidents: 2, withSeveralReports: 1 });
      expect(await store.reportIncident('test-case', 'i2')).toBe('i1');
      // Remade: the old incidents go.
      await store.replaceIncidents('test-case', [incident('i2', 2)], AT);
      expect((await store.listIncidents('test-case')).map((i) => i.id)).toEqual(['i2']);
      expect(await store.countIncidents('other-case')).toEqual({ incidents: 0, withSeveralReports: 0 });
    });
  });
}

/** Facts of a still picture (or a video when keyframes are given), with a capture time and a place. */
function mediaFacts(sha256: string, hash: string, keyframes: { timeSeconds: number; perceptualHash: string }[]): MediaFacts {
  return {
    sha256,
    mediaType: 'image/jpeg',
    declaredMediaType: null,
    kind: 'image',
    bytes: 1234,
    width: 640,
    height: 480,
    durationSeconds: null,
    exif:
      sha256.startsWith('a')
        ? {
            takenAt: '2026-09-18T02:41:00-04:00',
            takenAtHasOffset: true,
            takenAtSource: 'exif.DateTimeOriginal',
            takenAtInCaseZone: null,
            gps: { lat: 7.18, lon: -70.66, altitude: null, time: null, positioningErrorMetres: null, precision: 'about 1 m' },
            device: { make: 'Demo', model: 'Phone', software: null },
            orientation: 1,
            raw: {},
          }
        : null,
    perceptualHash: hash,
    hashAlgorithm: 'dhash-64',
    keyframes,
    problems: [],
  };
}

function flipBits(hash: string, bits: readonly number[]): string {
  let value = BigInt(`0x${hash}`);
  for (const bit of bits) value ^= 1n << BigInt(bit);
  return value.toString(16).padStart(16, '0');
}

/** A report as the first analysis step leaves it before any stage has anything to say. */
function unanalysedReport(id: string, text: string, time: string): Report {
  return {
    id,
    caseId: 'test-case',
    rawItemId: id,
    sourceId: 'tg',
    channelId: 'telegram:1',
    channelName: 'Canal',
    time,
    text,
    language: 'es',
    languageConfidence: 0.9,
    classification: { eventType: 'not-an-event', negated: false, hedged: false, sourceRole: 'unknown', attributedTo: null, related: false, urgency: 'developing', cues: [] },
    times: [],
    eventTime: null,
    counts: [],
    toponyms: [],
    place: null,
    family: null,
    recycledMedia: [],
  };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: migration 0003_raw_item_keys`, () => {
    let database: TestDatabase;

    beforeAll(async () => {
      database = await freshDatabase(dialect);
    });

    afterAll(async () => {
      await database.drop();
    });

    it('keeps every raw item of a database made before it, and re-inserting them adds nothing', async () => {
      const location = database.schema === null ? { url: database.url } : { url: database.url, schema: database.schema };
      const before = await openDatabase(location, '0002_media');
      const untimed = { ...testItem(2), time: null };
      const items = [testItem(1), untimed, testItem(3, { text: 'Se reportan drones sobre Guasdualito' })];
      // Rows as the 0001 schema holds them: keyed by (case, id), no time_key.
      await sql`INSERT INTO cases (id, title, synthetic, claim_json, case_file, created_at, updated_at) VALUES ('test-case', 'Prueba', 1, '{}', NULL, ${AT}, ${AT})`.execute(before.db);
      for (const item of items) {
        await sql`INSERT INTO raw_items (case_id, id, source_id, format, external_id, kind, channel_id, channel_name, channel_type, author_id, author_name,
            author_pseudonymous, time, edited_time, title, text, url, declared_language, forwarded_from, reply_to, lat, lon, media_json, extra_json,
            origin_file, origin_sha256, origin_location, origin_offset, origin_length, ingested_at)
          VALUES ('test-case', ${item.id}, 'tg', ${item.format}, ${item.externalId}, ${item.kind}, ${item.channel.id}, ${item.channel.name}, ${item.channel.type},
            ${item.author?.id ?? null}, ${item.author?.name ?? null}, 0, ${item.time}, NULL, NULL, ${item.text}, NULL, NULL, NULL, NULL, NULL, NULL,
            ${JSON.stringify(item.media)}, ${JSON.stringify(item.extra)}, ${item.origin.file}, NULL, ${item.origin.location}, ${item.origin.offset}, ${item.origin.length}, ${AT})`.execute(before.db);
      }
      await before.db.destroy();

      const store = await Store.open(location);
      try {
        const stored: string[] = [];
        for await (const item of store.iterateRawItems('test-case')) stored.push(item.id);
        expect(stored).toEqual([untimed.id, items[0]?.id, items[2]?.id]);
        expect(await store.getRawItem('test-case', untimed.id)).toEqual({ ...untimed, sourceId: 'tg' });
        expect(await store.getRawItem('test-case', items[2]?.id ?? '', items[2]?.time)).toMatchObject({ text: 'Se reportan drones sobre Guasdualito' });
        expect(await store.insertRawItems('test-case', 'tg', items, AT)).toBe(0);
        expect(await store.insertRawItems('test-case', 'tg', [testItem(4)], AT)).toBe(1);
        expect(await store.countRawItemsBy('test-case', 'source_id')).toEqual([{ key: 'tg', count: 4 }]);
      } finally {
        await store.close();
      }
    });
  });

  describe(`${dialect}: migration 0005_raw_item_origins`, () => {
    let database: TestDatabase;

    beforeAll(async () => {
      database = await freshDatabase(dialect);
    });

    afterAll(async () => {
      await database.drop();
    });

    it('keeps each item’s source, format, file and file hash, now said once per origin', async () => {
      const location = database.schema === null ? { url: database.url } : { url: database.url, schema: database.schema };
      const before = await openDatabase(location, '0004_analysis');
      await sql`INSERT INTO cases (id, title, synthetic, claim_json, case_file, created_at, updated_at) VALUES ('test-case', 'Prueba', 1, '{}', NULL, ${AT}, ${AT})`.execute(before.db);
      const rows = [
        { item: testItem(1), source: 'tg', file: 'a/result.json', sha256: 'a'.repeat(64) },
        { item: testItem(2), source: 'tg', file: 'a/result.json', sha256: 'a'.repeat(64) },
        { item: testItem(3), source: 'tg', file: 'b/result.json', sha256: null },
        { item: { ...testItem(4), format: 'whatsapp' as const, time: null }, source: 'wa', file: 'chat.zip!/_chat.txt', sha256: 'b'.repeat(64) },
      ];
      for (const { item, source, file, sha256 } of rows) {
        await sql`INSERT INTO raw_items (case_id, time_key, id, source_id, format, external_id, kind, channel_id, channel_name, channel_type, author_id, author_name,
            author_pseudonymous, time, edited_time, title, text, url, declared_language, forwarded_from, reply_to, lat, lon, media_json, extra_json,
            origin_file, origin_sha256, origin_location, origin_offset, origin_length, ingested_at)
          VALUES ('test-case', ${item.time ?? ''}, ${item.id}, ${source}, ${item.format}, ${item.externalId}, ${item.kind}, ${item.channel.id}, ${item.channel.name}, ${item.channel.type},
            ${item.author?.id ?? null}, ${item.author?.name ?? null}, 0, ${item.time}, NULL, NULL, ${item.text}, NULL, NULL, NULL, NULL, 7.5, -70.25,
            ${JSON.stringify(item.media)}, ${JSON.stringify(item.extra)}, ${file}, ${sha256}, ${item.origin.location}, ${item.origin.offset}, ${item.origin.length}, ${AT})`.execute(before.db);
      }
      await before.db.destroy();

      const store = await Store.open(location);
      try {
        const stored = new Map<string, RawItem & { sourceId: string }>();
        for await (const item of store.iterateRawItems('test-case')) stored.set(item.id, item);
        expect(stored.size).toBe(4);
        for (const { item, source, file, sha256 } of rows) {
          expect(stored.get(item.id)).toEqual({ ...item, sourceId: source, geo: { lat: 7.5, lon: -70.25 }, origin: { ...item.origin, file, sha256 } });
        }
        expect(await store.countRawItemsBy('test-case', 'source_id')).toEqual([
          { key: 'tg', count: 3 },
          { key: 'wa', count: 1 },
        ]);
        expect(await store.countRawItemsBy('test-case', 'format')).toEqual([
          { key: 'telegram', count: 3 },
          { key: 'whatsapp', count: 1 },
        ]);
        // The same items again add nothing; a new item of a known file joins its origin.
        expect(await store.insertRawItems('test-case', 'tg', [{ ...testItem(1), origin: { ...testItem(1).origin, file: 'a/result.json', sha256: 'a'.repeat(64) } }], AT)).toBe(0);
        const fifth = { ...testItem(5), origin: { ...testItem(5).origin, file: 'a/result.json', sha256: 'a'.repeat(64) } };
        expect(await store.insertRawItems('test-case', 'tg', [fifth], AT)).toBe(1);
        expect(await store.getRawItem('test-case', fifth.id, fifth.time)).toEqual({ ...fifth, sourceId: 'tg' });
        const raw = await openDatabase(location);
        const origins = await sql<{ n: number | string }>`SELECT count(*) AS n FROM raw_item_origins`.execute(raw.db);
        await raw.db.destroy();
        expect(Number(origins.rows[0]?.n)).toBe(3);
      } finally {
        await store.close();
      }
    });
  });
}
