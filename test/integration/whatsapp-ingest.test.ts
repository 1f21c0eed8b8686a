import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeMedia, keyedPseudonymizer } from '../../src/ingest/index.js';
import { whatsappAdapter } from '../../src/ingest/whatsapp/index.js';
import { ingestSource, type IngestEnvironment, type SourceToIngest } from '../../src/pipeline/index.js';
import type { Store } from '../../src/store/index.js';
import { Vault } from '../../src/vault/index.js';
import { fixturePath } from '../fixtures/whatsapp/harness.js';
import { tinyJpeg } from '../fixtures/whatsapp/make-zips.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/databases.js';
import { testCase } from '../helpers/items.js';
import { steppingClock, useTempDirs } from '../helpers/temp.js';

// The adapter through the real pipeline: the evidentiary copy in a vault, a zip's entries attached
// as evidence of their own, a `.txt` export's media hashed from beside it, items in a real store.
for (const dialect of DIALECTS) {
  describe(`WhatsApp ingest on ${dialect}`, () => {
    const tempDir = useTempDirs();
    let database: TestDatabase;
    let store: Store;

    beforeAll(async () => {
      database = await freshDatabase(dialect);
      store = await database.open();
      await store.upsertCase(testCase(), null, '2026-11-25T10:00:00Z');
    });

    afterAll(async () => {
      await store.close();
      await database.drop();
    });

    async function environment(): Promise<IngestEnvironment> {
      const clock = steppingClock();
      const vault = await Vault.open({ root: await tempDir(), clock, actor: 'test@host', toolVersion: '0.0.0-test' });
      return {
        store,
        vault,
        vaultName: 'test-case',
        clock,
        pseudonymizer: keyedPseudonymizer(new Uint8Array(32)),
        toolVersion: '0.0.0-test',
        adapters: [whatsappAdapter],
        fetcher: fetch,
        newRunId: randomUUID,
      };
    }
    const source = (id: string, path: string): SourceToIngest => ({ id, kind: null, path, url: null, label: null });

    it('stores a zipped export, its media as evidence of their own, and adds nothing the second time', async () => {
      const caseDir = await tempDir();
      const zip = 'WhatsApp Chat with Vecinos de La Ceibita.zip';
      await copyFile(fixturePath(zip), join(caseDir, zip));
      const env = await environment();
      const kase = { caseId: 'test-case', timezone: 'America/Caracas', caseDir };
      const first = await ingestSource(env, kase, source('vecinos-zip', zip));
      expect(first).toMatchObject({ status: 'completed', format: 'whatsapp', itemsSeen: 20, itemsAdded: 20, bySeverity: { error: 0, warning: 0, info: 2 } });

      const custody = (await env.vault.custody()).entries;
      const photo = custody.find((entry) => entry.source.path === `${zip}!/IMG-20260918-WA0003.jpg`);
      expect(photo).toMatchObject({ action: 'captured', mediaType: 'image/jpeg' });
      expect(custody.find((entry) => entry.source.path === `${zip}!/IMG-20260918-WA0009.jpg`)).toBeDefined();
      let captured = 0;
      for await (const item of store.iterateRawItems('test-case')) {
        if (item.sourceId !== 'vecinos-zip') continue;
        for (const media of item.media) {
          if (media.status !== 'captured') continue;
          captured++;
          expect(env.vault.has(media.sha256 ?? '')).toBe(true);
        }
      }
      expect(captured).toBe(2);
      expect(custody.some((entry) => entry.sha256 === photo?.sha256)).toBe(true);

      const again = await ingestSource(env, kase, source('vecinos-zip', zip));
      expect(again).toMatchObject({ status: 'completed', itemsSeen: 20, itemsAdded: 0 });
    });

    it('describes each attached picture once: facts and perceptual hash land with the items', async () => {
      const caseDir = await tempDir();
      const zip = 'WhatsApp Chat with Vecinos de La Ceibita.zip';
      await copyFile(fixturePath(zip), join(caseDir, zip));
      const described: string[] = [];
      const env: IngestEnvironment = {
        ...(await environment()),
        describeMedia: (input) => {
          described.push(input.sha256);
          return describeMedia(input, { ffmpeg: null, timezone: 'America/Caracas' });
        },
      };
      const kase = { caseId: 'test-case', timezone: 'America/Caracas', caseDir };
      const first = await ingestSource(env, kase, source('vecinos-described', zip));
      expect(first.status).toBe('completed');
      expect(described.length).toBeGreaterThanOrEqual(2);
      expect(new Set(described).size).toBe(described.length);
      const pictures = [];
      for (const sha256 of described) {
        const facts = await store.getMediaFacts('test-case', sha256);
        expect(facts?.sha256).toBe(sha256);
        if (facts?.kind === 'image') pictures.push(facts);
      }
      expect(pictures.length).toBeGreaterThanOrEqual(1);
      for (const facts of pictures) {
        expect(facts).toMatchObject({ mediaType: 'image/jpeg', hashAlgorithm: 'dhash-64' });
        expect(facts.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
        // The picture is found by its own hash through the band index.
        expect((await store.findSimilarMedia('test-case', facts.perceptualHash ?? '', 'dhash-64', 0)).map((m) => m.sha256)).toContain(facts.sha256);
      }
      described.length = 0;
      await ingestSource(env, kase, source('vecinos-described', zip));
      expect(described).toEqual([]);
    });

    it('hashes the media of a .txt export from beside it, and says which one is missing', async () => {
      const caseDir = await tempDir();
      const folder = join(caseDir, 'WhatsApp Chat - Frontera Sur');
      await mkdir(folder);
      await copyFile(fixturePath('WhatsApp Chat - Frontera Sur/_chat.txt'), join(folder, '_chat.txt'));
      await writeFile(join(folder, '00000012-PHOTO-2026-09-18-02-14-05.jpg'), tinyJpeg(12));
      const env = await environment();
      const summary = await ingestSource(env, { caseId: 'test-case', timezone: 'America/Caracas', caseDir }, source('frontera', 'WhatsApp Chat - Frontera Sur/_chat.txt'));
      expect(summary).toMatchObject({ status: 'completed', format: 'whatsapp', itemsSeen: 16 });
      const missing = (await store.listDiagnostics('test-case', { sourceId: 'frontera' })).filter((d) => d.ruleId === 'ingest/media-missing');
      expect(missing.map((d) => d.location).sort()).toEqual(['13:1', '7:1']);
      const statuses: string[] = [];
      for await (const item of store.iterateRawItems('test-case')) if (item.sourceId === 'frontera') statuses.push(...item.media.map((m) => `${m.kind}:${m.status}`));
      expect(statuses.sort()).toEqual(['audio:missing', 'document:not-included', 'photo:captured', 'photo:not-included', 'sticker:not-included', 'video:missing']);
    });
  });
}
