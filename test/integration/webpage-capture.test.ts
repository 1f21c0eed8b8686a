/**
 * `corroborate capture` against real Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core) and a news site served from 127.0.0.1: what the vault and the WACZ hold.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readPublicKeyFile, verifyAuditLog } from '../../src/audit/index.js';
import { registerCapture, runCapture, type CaptureSummary } from '../../src/cli/commands/capture.js';
import { loadCase, openWorkspace } from '../../src/cli/workspace.js';
import {
  DEFAULT_CHROMIUM,
  WaczArchive,
  capturePage,
  launchChromium,
  parseCdxj,
  parseHttpResponse,
  pngSize,
  verifyWacz,
  webpageAdapter,
  type CaptureDeps,
} from '../../src/ingest/webpage/index.js';
import { bufferAccess } from '../../src/ingest/index.js';
import { generateEd25519Signer, isDiagnostic, type RawItem } from '../../src/model/index.js';
import { steppingClock, useTempDirs } from '../helpers/temp.js';

/** The value, or a failed test saying what was missing. */
function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing: ${what}`);
  return value;
}

const HAVE_CHROMIUM = existsSync(DEFAULT_CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`webpage capture tests SKIPPED: no Chromium at ${DEFAULT_CHROMIUM} (Debian: apt-get install chromium; .ci/run installs it)`);

/** A 200×150 PNG of deterministic noise, so that it has a real size. */
function noisePng(width = 200, height = 150): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc(height * (1 + width * 3));
  let seed = 7;
  for (let i = 0; i < rows.length; i++) rows[i] = i % (1 + width * 3) === 0 ? 0 : (seed = (seed * 1103515245 + 12345) % 2147483648) >> 16;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const PHOTO = noisePng();
const ARTICLE = `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<title>Explosión en Catia | Diario de Prueba</title>
<link rel="stylesheet" href="/estilo.css">
<meta property="og:site_name" content="Diario de Prueba">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Explosión en Catia deja tres heridos","datePublished":"2026-03-07T16:20:00-04:00","author":{"@type":"Person","name":"Ana Pérez"}}</script>
</head>
<body>
<nav><a href="/">Inicio</a> <a href="/sucesos">Sucesos</a></nav>
<article>
<h1>Explosión en Catia deja tres heridos</h1>
<figure><img src="/foto.png" width="200" height="150" alt="Humo"><figcaption>Humo sobre Catia.</figcaption></figure>
<p>Una explosión se escuchó en Catia a las 2:10 de la tarde, según vecinos.</p>
<p id="tardia"></p>
</article>
<footer>© Diario de Prueba</footer>
<script>document.getElementById('tardia').textContent = 'Línea insertada por JavaScript tras la carga.';</script>
</body>
</html>`;
const TALL = `<!doctype html><html><head><title>Larga</title></head><body style="margin:0"><div style="height:30000px;background:linear-gradient(#fff,#000)"><p>Arriba</p><img src="/foto.png"></div></body></html>`;
const HANGING = `<!doctype html><html><head><title>Lenta</title></head><body><p>Texto visible aunque la imagen nunca llegue.</p><img src="/cuelga.png"></body></html>`;

const CASE = `schema: corroborate.case/1
id: captura-prueba
title: "Captura de prueba"
synthetic: true
claim:
  text: "Una explosión en Catia"
  claimant:
    name: Ministerio de prueba
    kind: government
  eventType: remote-explosive-landmine-ied
  place:
    name: Catia
  time: 2026-03-07T14:10:00
  timezone: America/Caracas
sources: []
`;

async function writeCase(dir: string): Promise<string> {
  const path = join(dir, 'case.yaml');
  await writeFile(path, CASE);
  return path;
}

class Site {
  private server: Server | null = null;
  private readonly hanging: (() => void)[] = [];
  base = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const path = request.url ?? '/';
      const html = (body: string): void => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-served-by': 'prueba' }).end(body);
      };
      if (path === '/viejo') response.writeHead(302, { location: '/nota' }).end();
      else if (path === '/nota') html(ARTICLE);
      else if (path === '/larga') html(TALL);
      else if (path === '/lenta') html(HANGING);
      else if (path === '/estilo.css') response.writeHead(200, { 'content-type': 'text/css' }).end('h1 { color: darkred; font-family: sans-serif }');
      else if (path === '/foto.png') response.writeHead(200, { 'content-type': 'image/png' }).end(PHOTO);
      else if (path === '/cuelga.png') this.hanging.push(() => response.destroy());
      else response.writeHead(404, { 'content-type': 'text/plain' }).end('no');
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const release of this.hanging.splice(0)) release();
    await new Promise<void>((resolve) => this.server?.close(() => { resolve(); }));
  }
}

function deps(overrides: Partial<CaptureDeps> = {}): CaptureDeps {
  let n = 0;
  return {
    launchBrowser: () => launchChromium(),
    clock: steppingClock('2026-03-08T12:00:00Z'),
    signer: generateEd25519Signer(),
    toolVersion: '0.1.0-test',
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    timezone: 'America/Caracas',
    ...overrides,
  };
}

describe.skipIf(!HAVE_CHROMIUM)('webpage capture with headless Chromium', () => {
  const site = new Site();
  const tempDir = useTempDirs();
  beforeAll(() => site.start());
  afterAll(() => site.stop());

  it('captures the rendered page, its screenshot, headers and every response, in a WACZ that verifies', async () => {
    const signer = generateEd25519Signer();
    const result = await capturePage({ url: `${site.base}/viejo` }, deps({ signer }));

    expect(result.finalUrl).toBe(`${site.base}/nota`);
    expect(result.status).toBe(200);
    expect(result.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(result.headers?.['x-served-by']).toBe('prueba');
    expect(result.capturedAt).toBe('2026-03-08T12:00:01.000Z');
    // The DOM after scripts ran, not the HTML as served.
    expect(result.html).toContain('Línea insertada por JavaScript tras la carga.');
    expect(ARTICLE).not.toContain('>Línea insertada');

    expect([...result.screenshot.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const size = pngSize(result.screenshot);
    expect(size.width).toBe(1280);
    expect(size.height).toBeGreaterThanOrEqual(800);
    expect(result.screenshot.length).toBeGreaterThan(5_000);
    expect(result.screenshotCut).toBe(false);

    expect(result.resources.map((r) => [new URL(r.url).pathname, r.status])).toEqual(
      expect.arrayContaining([['/viejo', 302], ['/nota', 200], ['/estilo.css', 200], ['/foto.png', 200]]),
    );
    expect(result.resources.find((r) => r.url.endsWith('/foto.png'))?.bytes).toBe(PHOTO.length);
    expect(result.skipped).toEqual([]);

    expect(result.metadata).toMatchObject({ title: 'Explosión en Catia deja tres heridos', authors: ['Ana Pérez'], language: 'es', siteName: 'Diario de Prueba' });
    expect(result.metadata.published).toMatchObject({ iso: '2026-03-07T20:20:00Z', source: 'json-ld NewsArticle.datePublished' });
    expect(result.metadata.mainText).toContain('Línea insertada por JavaScript tras la carga.');
    expect(result.metadata.mainText).not.toContain('Inicio');

    const verification = await verifyWacz(result.wacz);
    expect(verification).toMatchObject({ ok: true, signature: 'valid', publicKey: signer.publicKeySpki.toString('base64') });
    const archive = await WaczArchive.open(bufferAccess(result.wacz));
    expect((await archive.pages()).map((p) => [p.url, p.ts, p.title])).toEqual([[`${site.base}/nota`, '2026-03-08T12:00:01.000Z', 'Explosión en Catia deja tres heridos']]);
    const index = parseCdxj((await archive.readText('indexes/index.cdx')) ?? '');
    const image = index.find((r) => r.url === `${site.base}/foto.png`);
    expect(image).toMatchObject({ status: 200, mime: 'image/png', filename: 'data.warc.gz' });
    const found = present(image, 'the image in the index');
    const record = await archive.readRecord(found.filename, found.offset, found.length, 1 << 24);
    expect(parseHttpResponse(record.block).body.equals(PHOTO)).toBe(true);
    expect(index.find((r) => r.url === `${site.base}/viejo`)?.status).toBe(302);
    expect(index.some((r) => r.url === `urn:fullPage:${site.base}/nota`)).toBe(true);
  });

  it('cuts a very tall page’s screenshot, says so, and records bodies it left out for size', async () => {
    const result = await capturePage({ url: `${site.base}/larga` }, deps(), { maxScreenshotHeight: 5_000, maxResourceBytes: 2_000 });
    expect(result.screenshotCut).toBe(true);
    expect(pngSize(result.screenshot)).toEqual({ width: 1280, height: 5_000 });
    expect(result.pageHeight).toBeGreaterThanOrEqual(30_000);
    expect(result.notes.join(' ')).toMatch(/stops at 5000 px/);
    expect(result.skipped).toContainEqual(expect.objectContaining({ url: `${site.base}/foto.png`, reason: expect.stringMatching(/left out/) as unknown }));
    expect((await verifyWacz(result.wacz)).ok).toBe(true);
  });

  it('gives up waiting on a page that never finishes loading, within the timeout, and keeps what it has', async () => {
    const started = performance.now();
    const result = await capturePage({ url: `${site.base}/lenta` }, deps(), { timeoutMs: 4_000 });
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(result.html).toContain('Texto visible aunque la imagen nunca llegue.');
    expect(result.notes.join(' ')).toMatch(/did not finish loading|still busy/);
  });

  it('captures a saved .html file as file://, saying there are no headers', async () => {
    const dir = await tempDir();
    const path = join(dir, 'guardada.html');
    await writeFile(path, '<html lang="es"><head><title>Guardada</title></head><body><p>Página guardada en disco.</p></body></html>');
    const result = await capturePage({ file: path }, deps());
    expect(result.finalUrl).toBe(`file://${path}`);
    expect(result.status).toBeNull();
    expect(result.headers).toBeNull();
    expect(result.notes.join(' ')).toMatch(/no HTTP response/);
    expect(result.metadata.title).toBe('Guardada');
    expect((await verifyWacz(result.wacz)).ok).toBe(true);
  });

  it('corroborate capture stores the four artifacts with custody entries and one article, which re-reads from the WACZ as the same item', async () => {
    const dir = await tempDir();
    await writeCase(dir);
    const loaded = await loadCase(join(dir, 'case.yaml'));
    const workspace = await openWorkspace(loaded, { db: null, actor: 'tester@host', color: false, home: null }, undefined);
    try {
      const env = { launchBrowser: () => launchChromium(), keysDir: join(dir, 'home', 'keys'), newId: () => crypto.randomUUID(), timeoutMs: 30_000, progress: () => undefined };
      const summary = await runCapture(workspace, loaded, `${site.base}/nota`, env);
      expect(summary.stored.map((s) => [s.kind, s.mediaType])).toEqual([['html', 'text/html'], ['screenshot', 'image/png'], ['headers', 'application/json'], ['wacz', 'application/wacz']]);
      expect(summary.published).toMatchObject({ time: '2026-03-07T20:20:00Z', source: 'json-ld NewsArticle.datePublished' });
      expect(summary.itemAdded).toBe(true);

      const { entries } = await workspace.vault.custody();
      expect(entries.filter((e) => e.action === 'captured').map((e) => [e.mediaType, e.source.url])).toEqual(summary.stored.map((s) => [s.mediaType, `${site.base}/nota`]));
      expect(entries[0]?.note).toMatch(/rendered HTML .* HTTP 200; captured .* with Chromium/);
      expect(await workspace.vault.verify()).toEqual([]);

      const stored = await workspace.store.getRawItem('captura-prueba', summary.itemId ?? '');
      expect(stored).toMatchObject({ format: 'webpage', kind: 'article', title: 'Explosión en Catia deja tres heridos', time: '2026-03-07T20:20:00Z', author: { name: 'Ana Pérez', pseudonymous: false } });
      expect(stored?.media.map((m) => [m.kind, m.status])).toEqual([['screenshot', 'captured'], ['wacz', 'captured'], ['photo', 'remote']]);
      const runs = await workspace.store.listRuns('captura-prueba');
      expect(runs.map((r) => [r.status, r.itemsSeen, r.itemsAdded, r.format])).toEqual([['completed', 1, 1, 'webpage']]);

      // The WACZ in the vault reads back, through the ingest adapter, as the same article.
      const wacz = present(summary.stored.find((s) => s.kind === 'wacz'), 'the stored WACZ');
      const reread: RawItem[] = [];
      for await (const record of webpageAdapter.parse({
        stream: workspace.vault.openObject(wacz.sha256),
        file: 'captura.wacz',
        sha256: wacz.sha256,
        timezone: 'America/Caracas',
        pseudonymizer: { pseudonym: (_k, v) => v },
        baseDir: null,
        path: workspace.vault.objectPath(wacz.sha256),
      })) {
        if (!isDiagnostic(record)) reread.push(record);
      }
      expect(reread.map((item) => item.id)).toEqual([summary.itemId]);
      expect(reread[0]?.extra).toMatchObject({ signatureValid: true, integrityVerified: true });

      // Capturing the same page again stores a new capture but no second copy of the article.
      const again = await runCapture(workspace, loaded, `${site.base}/nota`, env);
      expect(again.itemId).toBe(summary.itemId);
      expect(again.itemAdded).toBe(false);
      expect(again.signingKey).toEqual(summary.signingKey);
    } finally {
      await workspace.close();
    }
  });

  it('runs as `corroborate capture <case> <url> --json`, keeping the key under CORROBORATE_HOME', async () => {
    const dir = await tempDir();
    const casePath = await writeCase(dir);
    const program = new Command().exitOverride();
    registerCapture(program, () => ({ db: null, actor: 'tester@host', color: false, home: join(dir, 'home') }));
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      await program.parseAsync(['capture', casePath, `${site.base}/nota`, '--json', '--timeout', '30'], { from: 'user' });
    } finally {
      spy.mockRestore();
    }
    const summary = JSON.parse(written.join('')) as CaptureSummary;
    expect(summary).toMatchObject({ case: 'captura-prueba', finalUrl: `${site.base}/nota`, status: 200, title: 'Explosión en Catia deja tres heridos', itemAdded: true });
    expect(existsSync(join(dir, 'home', 'keys', 'ed25519-private.pem'))).toBe(true);
    // The capture is in the workspace's audit log, signed with the same installation key.
    const auditDir = join(dir, '.corroborate', 'audit');
    const audit = await verifyAuditLog(auditDir, { trustedKeys: [present(await readPublicKeyFile(join(dir, 'home', 'keys', 'ed25519-public.pem')), 'the public key')] });
    expect(audit).toMatchObject({ ok: true, size: 1 });
    expect(audit.entries.map((e) => [e.action, e.actor, e.caseId, e.summary])).toEqual([['capture', 'tester@host', 'captura-prueba', `capture ${site.base}/nota: HTTP 200, article added`]]);
    expect(audit.lastSignedHead?.keyId).toBe(summary.signingKey.fingerprint.replace('sha256:', ''));
    await expect(program.parseAsync(['capture', casePath, `${site.base}/nota`, '--timeout', 'pronto'], { from: 'user' })).rejects.toThrow(/--timeout/);
    await expect(program.parseAsync(['capture', casePath, 'ftp://a.example/x'], { from: 'user' })).rejects.toThrow(/only http\(s\) URLs/);
  });
});
