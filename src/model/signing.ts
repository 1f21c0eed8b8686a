import { createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * The installation's signatures, as pure crypto: no files here. Webpage captures (WACZ) and the
 * audit log's tree heads are signed through this interface; where the key lives is the audit
 * folder's business (`loadOrCreateInstallationKey`).
 */

/** Signs on behalf of this installation. The private key never leaves the object. */
export interface Signer {
  /** The public key, DER SubjectPublicKeyInfo: what a reader needs to check a signature. */
  readonly publicKeySpki: Buffer;
  /** 'Ed25519'. */
  readonly algorithm: string;
  sign(data: Uint8Array): Buffer;
}

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
 * A key's short name: the first 32 hex digits (128 bits) of SHA-256 over its DER
 * SubjectPublicKeyInfo. Captures print it as `sha256:<keyId>`; tree heads carry it as `keyId`.
 */
export function signingKeyId(publicKeySpki: Uint8Array): string {
  return createHash('sha256').update(publicKeySpki).digest('hex').slice(0, 32);
}
