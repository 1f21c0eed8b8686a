import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Signs captures on behalf of this installation. The private key never leaves the object. */
export interface Signer {
  /** The public key, DER SubjectPublicKeyInfo: what a reader needs to check a signature. */
  readonly publicKeySpki: Buffer;
  /** 'Ed25519'. */
  readonly algorithm: string;
  sign(data: Uint8Array): Buffer;
}

export const PRIVATE_KEY_FILE = 'ed25519-private.pem';
export const PUBLIC_KEY_FILE = 'ed25519-public.pem';

/** A signer over an Ed25519 private key (RFC 8032: no pre-hash, so `sign(null, …)`). */
export function ed25519Signer(privateKey: KeyObject): Signer {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`expected an Ed25519 key, got ${privateKey.asymmetricKeyType ?? 'a symmetric key'}`);
  const publicKeySpki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return { publicKeySpki, algorithm: 'Ed25519', sign: (data) => sign(null, data, privateKey) };
}

/** A fresh key, for tests and first use. */
export function generateEd25519Signer(): Signer {
  return ed25519Signer(generateKeyPairSync('ed25519').privateKey);
}

/** Whether `signature` is this public key's Ed25519 signature of `data`; false for any malformed input. */
export function verifyEd25519(publicKeySpki: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKeySpki), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, data, key, signature);
  } catch {
    return false;
  }
}

/**
 * The installation's signing key, made on first use: `ed25519-private.pem` (PKCS#8, readable by
 * the owner only) and `ed25519-public.pem` (SPKI, to hand to whoever checks the captures).
 * A damaged key file is an error, never silently replaced: captures signed with it would no
 * longer verify against the public key already given out.
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
