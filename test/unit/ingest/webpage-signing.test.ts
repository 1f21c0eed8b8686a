import { createPublicKey } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, generateEd25519Signer, loadOrCreateInstallationKey, verifyEd25519 } from '../../../src/ingest/webpage/index.js';
import { useTempDirs } from '../../helpers/temp.js';

const tempDir = useTempDirs();

describe('installation signing key', () => {
  it('is made on first use, private key readable by the owner only, and the same key afterwards', async () => {
    const dir = join(await tempDir(), 'keys');
    const first = await loadOrCreateInstallationKey(dir);
    expect((await stat(join(dir, PRIVATE_KEY_FILE))).mode & 0o777).toBe(0o600);
    const publicPem = await readFile(join(dir, PUBLIC_KEY_FILE), 'utf8');
    expect(createPublicKey(publicPem).export({ type: 'spki', format: 'der' }).equals(first.publicKeySpki)).toBe(true);
    const again = await loadOrCreateInstallationKey(dir);
    expect(again.publicKeySpki.equals(first.publicKeySpki)).toBe(true);
    const data = Buffer.from('sha256:abc');
    expect(verifyEd25519(first.publicKeySpki, data, again.sign(data))).toBe(true);
  });

  it('refuses a damaged key file instead of replacing it', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, PRIVATE_KEY_FILE), 'not a key\n');
    await expect(loadOrCreateInstallationKey(dir)).rejects.toThrow(/damaged/);
    expect(await readFile(join(dir, PRIVATE_KEY_FILE), 'utf8')).toBe('not a key\n');
  });

  it('verifies only the signer’s own signature of the same bytes', () => {
    const signer = generateEd25519Signer();
    const other = generateEd25519Signer();
    const data = Buffer.from('sha256:0123');
    const signature = signer.sign(data);
    expect(verifyEd25519(signer.publicKeySpki, data, signature)).toBe(true);
    expect(verifyEd25519(other.publicKeySpki, data, signature)).toBe(false);
    expect(verifyEd25519(signer.publicKeySpki, Buffer.from('sha256:0124'), signature)).toBe(false);
    expect(verifyEd25519(Buffer.from('garbage'), data, signature)).toBe(false);
  });
});
