import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS, keyedPseudonymizer } from '../../src/ingest/index.js';
import { ingestSource, type IngestEnvironment, type SourceToIngest } from '../../src/pipeline/index.js';
import type { Store } from '../../src/store/index.js';
import { Vault } from '../../src/vault/index.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/databases.js';
import { testCase } from '../helpers/items.js';
import { steppingClock, useTempDirs } from '../helpers/temp.js';

/** An RSS feed with `n` items, as a small news site would serve it. */
function rss(n: number): string {
  const items = Array.from(
    { length: n },
    (_, i) => `<item><title>Nota ${i + 1}</title><link>/notas/${i + 1}</link><guid isPermaLink="false">nota-${i + 1}</guid>
<pubDate>Fri, 18 Sep 2026 0${i % 10}:15:00 -0400</pubDate><description>Se escuchó una explosión al sur de Guasdualito (${i + 1}).</description></item>`,
  ).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Diario de Prueba</title><link>http://diario.test/</link>\n${items}\n</channel></rss>\n`;
}

/** A feed server on 127.0.0.1 that honours If-None-Match and counts what it was asked. */
class FeedServer {
  body = rss(3);
  /** Another site's feed, only reached through a redirect. */
  readonly otherBody = rss(2).replaceAll('Diario de Prueba', 'Semanario de Prueba').replaceAll('nota-', 'semanal-');
  readonly requests: { path: string; ifNoneMatch: string | null }[] = [];
  private server: Server | null = null;
  base = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const path = request.url ?? '/';
      const ifNoneMatch = request.headers['if-none-match'] ?? null;
      this.requests.push({ path, ifNoneMatch: typeof ifNoneMatch === 'string' ? ifNoneMatch : null });
      if (path === '/moved.xml') {
        response.writeHead(301, { location: '/other.xml' }).end();
        return;
      }
      if (path === '/other.xml') {
        response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(this.otherBody);
        return;
      }
      if (path !== '/feed.xml') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
        return;
      }
      const etag = `"${createHash('sha256').update(this.body).digest('hex').slice(0, 16)}"`;
      if (ifNoneMatch === etag) {
        response.writeHead(304, { etag }).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'last-modified': 'Fri, 18 Sep 2026 12:00:00 GMT' }).end(this.body);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

for (const dialect of DIALECTS) {
  describe(`ingest of URL sources on ${dialect}`, () => {
    const tempDir = useTempDirs();
    const server = new FeedServer();
    let database: TestDatabase;
    let store: Store;

    beforeAll(async () => {
      await server.start();
      database = await freshDatabase(dialect);
      store = await database.open();
      await store.upsertCase(testCase(), null, '2026-11-25T10:00:00Z');
    });

    afterAll(async () => {
      await store.close();
      await database.drop();
      await server.stop();
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
        adapters: ADAPTERS,
        fetcher: fetch,
        newRunId: randomUUID,
      };
    }
    const kase = { caseId: 'test-case', timezone: 'America/Caracas', caseDir: '/nonexistent' };
    const source = (id: string, path: string): SourceToIngest => ({ id, kind: null, path: null, url: `${server.base}${path}`, label: null });

    it('fetches a feed into the vault, then asks again conditionally and adds nothing when it has not changed', async () => {
      const env = await environment();
      const first = await ingestSource(env, kase, source('diario', '/feed.xml'));
      expect(first).toMatchObject({ status: 'completed', format: 'feed', itemsSeen: 3, itemsAdded: 3 });
      expect(env.vault.has(first.inputSha256 ?? '')).toBe(true);
      const custody = (await env.vault.custody()).entries.find((e) => e.sha256 === first.inputSha256);
      expect(custody).toMatchObject({ action: 'captured', source: { path: null, url: `${server.base}/feed.xml` }, mediaType: 'application/rss+xml' });
      expect(custody?.note).toContain('HTTP 200 GET');

      const second = await ingestSource(env, kase, source('diario', '/feed.xml'));
      expect(second).toMatchObject({ status: 'not-modified', itemsSeen: 0, itemsAdded: 0 });
      expect(server.requests.at(-1)?.ifNoneMatch).toMatch(/^"[0-9a-f]{16}"$/);

      server.body = rss(5);
      const third = await ingestSource(env, kase, source('diario', '/feed.xml'));
      expect(third).toMatchObject({ status: 'completed', itemsSeen: 5, itemsAdded: 2 });
      expect((await store.countRawItemsBy('test-case', 'source_id')).find((c) => c.key === 'diario')?.count).toBe(5);
    });

    it('resolves item links against the final URL after a redirect', async () => {
      const env = await environment();
      const summary = await ingestSource(env, kase, source('movido', '/moved.xml'));
      expect(summary).toMatchObject({ status: 'completed', itemsAdded: 2 });
      const items = [];
      for await (const item of store.iterateRawItems('test-case')) if (item.sourceId === 'movido') items.push(item);
      expect(items.map((i) => i.url).sort()).toContain(`${server.base}/notas/1`);
    });

    it('records a feed that is not there as a failed source with a clear diagnostic', async () => {
      const env = await environment();
      const summary = await ingestSource(env, kase, source('ausente', '/gone.xml'));
      expect(summary).toMatchObject({ status: 'failed', itemsSeen: 0 });
      expect(summary.error).toContain('answered HTTP 404');
      const diagnostics = await store.listDiagnostics('test-case', { sourceId: 'ausente' });
      expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'ingest/fetch-http-status', severity: 'error', file: `${server.base}/gone.xml` })]);
    });

    it('records a refused connection as a failed source, not a crash', async () => {
      const env = await environment();
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      const summary = await ingestSource(env, kase, { id: 'apagado', kind: null, path: null, url: `http://127.0.0.1:${port}/feed.xml`, label: null });
      expect(summary.status).toBe('failed');
      expect(summary.error).toContain('refused the connection');
    });
  });
}
