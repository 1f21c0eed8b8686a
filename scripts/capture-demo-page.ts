/**
 * Captures the demo outlet's article into a signed WACZ, as an analyst's `corroborate capture`
 * would: the page is served from 127.0.0.1 under its `.example` host name (Chromium's
 * --host-resolver-rules maps the name; nothing leaves the machine) so that the archive holds a
 * real HTTP exchange. Not part of `npm run make-demo`: a browser's rendering is not byte-for-byte
 * repeatable, so the WACZ is made once and kept in examples/venezuela-strike/captured/.
 *
 *   npx tsx scripts/capture-demo-page.ts
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { loadOrCreateInstallationKey } from '../src/audit/index.js';
import { CHROMIUM_ARGS, capturePage, type Browser } from '../src/ingest/webpage/index.js';
import { systemClock } from '../src/model/index.js';

const CASE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'venezuela-strike');
const PATH = '/2026/09/19/vecinos-describen-crater-sabana/';
const html = readFileSync(join(CASE_DIR, 'sources', 'web', 'lasabana-vecinos-describen-crater.html'));

const server = createServer((request, response) => {
  if (request.url !== PATH) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('no encontrado');
    return;
  }
  response
    .writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'last-modified': 'Sun, 20 Sep 2026 01:02:00 GMT',
      'cache-control': 'max-age=300',
      server: 'lasabana-cms/2.3 (SYNTHETIC demo)',
    })
    .end(html);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;

try {
  // A demo key of its own: the archive's signature proves its integrity, not anyone's identity.
  const signer = await loadOrCreateInstallationKey(join(tmpdir(), 'corroborate-demo-capture-keys'));
  const launchBrowser = (): Promise<Browser> =>
    chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP lasabana.example:80 127.0.0.1:${port}`],
    });
  const result = await capturePage({ url: `http://lasabana.example${PATH}` }, { launchBrowser, clock: systemClock, signer, toolVersion: 'demo', newId: randomUUID, timezone: 'America/Caracas' });
  const out = join(CASE_DIR, 'captured');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'lasabana-vecinos-describen-crater.wacz'), result.wacz);
  console.log(`captured ${result.finalUrl} (HTTP ${String(result.status)}) → captured/lasabana-vecinos-describen-crater.wacz, ${result.wacz.length} bytes`);
} finally {
  server.close();
}
