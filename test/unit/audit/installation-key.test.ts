import { createPublicKey } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, loadOrCreateInstallationKey, readPublicKeyFile } from '../../../src/audit/index.js';
import { generateEd25519Signer, signingKeyId, verifyEd25519 } from '../../../src/model/index.js';
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

  it('reads the public key from the public PEM, a DER copy or the private PEM, all to the same key', async () => {
    const dir = join(await tempDir(), 'keys');
    const signer = await loadOrCreateInstallationKey(dir);
    const fromPublic = await readPublicKeyFile(join(dir, PUBLIC_KEY_FILE));
    const fromPrivate = await readPublicKeyFile(join(dir, PRIVATE_KEY_FILE));
    await writeFile(join(dir, 'public.der'), signer.publicKeySpki);
    const fromDer = await readPublicKeyFile(join(dir, 'public.der'));
    expect(fromPublic?.equals(signer.publicKeySpki)).toBe(true);
    expect(fromPrivate?.equals(signer.publicKeySpki)).toBe(true);
    expect(fromDer?.equals(signer.publicKeySpki)).toBe(true);
    expect(await readPublicKeyFile(join(dir, 'none.pem'))).toBeNull();
    await writeFile(join(dir, 'junk.pem'), 'hello\n');
    await expect(readPublicKeyFile(join(dir, 'junk.pem'))).rejects.toThrow(/not a public key/);
  });

  it('names a key by the first 32 hex digits of the SHA-256 of its public key', () => {
    const signer = generateEd25519Signer();
    const id = signingKeyId(signer.publicKeySpki);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(signingKeyId(generateEd25519Signer().publicKeySpki)).not.toBe(id);
  });
});
