import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ed25519Signer, type Signer } from '../model/index.js';

export const PRIVATE_KEY_FILE = 'ed25519-private.pem';
export const PUBLIC_KEY_FILE = 'ed25519-public.pem';

/**
 * The installation's signing key, made on first use: `ed25519-private.pem` (PKCS#8, readable by
 * the owner only) and `ed25519-public.pem` (SPKI, to hand to whoever checks the captures and the
 * audit log). A damaged key file is an error, never silently replaced: what was signed with it
 * would no longer verify against the public key already given out.
 */
export async function loadOrCreateInstallationKey(dir: string): Promise<Signer> {
  const privatePath = join(dir, PRIVATE_KEY_FILE);
  let pem: string | null = null;
  try {
    pem = await readFile(privatePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (pem !== null) {
    let key: KeyObject;
    try {
      key = createPrivateKey(pem);
    } catch {
      throw new Error(`the signing key ${privatePath} is damaged (not a PEM private key); restore it from a backup`);
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the signing key ${privatePath} is not an Ed25519 key`);
    return ed25519Signer(key);
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  try {
    await writeFile(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateInstallationKey(dir);
    throw error;
  }
  // The umask may have narrowed the mode on creation, never widened it; make it exact.
  await chmod(privatePath, 0o600);
  await writeFile(join(dir, PUBLIC_KEY_FILE), publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  return ed25519Signer(privateKey);
}

/**
 * An Ed25519 public key from a file, as DER SubjectPublicKeyInfo: a PEM public key (what
 * `ed25519-public.pem` holds), a DER one, or a PEM private key (its public half). Null when the
 * file does not exist; an error when it holds anything else.
 */
export async function readPublicKeyFile(path: string): Promise<Buffer | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let key: KeyObject;
  try {
    const text = bytes.toString('latin1');
    if (text.includes('PRIVATE KEY-----')) key = createPublicKey(createPrivateKey(text));
    else if (text.includes('-----BEGIN')) key = createPublicKey(text);
    else key = createPublicKey({ key: bytes, format: 'der', type: 'spki' });
  } catch {
    throw new Error(`${path} is not a public key (PEM or DER SubjectPublicKeyInfo)`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${path} is not an Ed25519 key`);
  return key.export({ type: 'spki', format: 'der' });
}
