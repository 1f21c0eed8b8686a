import { signingKeyId, verifyEd25519, type Signer, type SignedTreeHead } from '../model/index.js';

/**
 * The bytes a tree head's signature covers: a fixed label (so that no other signature made with
 * the installation key, such as a WACZ's, can pass for a tree head), then the size in decimal,
 * the root in lower-case hex and the time as written, each ended by a line feed:
 *
 *   corroborate-audit-tree-head/1\n<size>\n<rootHash>\n<at>\n
 */
export function treeHeadBytes(head: Pick<SignedTreeHead, 'size' | 'rootHash' | 'at'>): Buffer {
  return Buffer.from(`corroborate-audit-tree-head/1\n${head.size}\n${head.rootHash}\n${head.at}\n`, 'utf8');
}

/** Sign the root of the first `size` entries, at `at`. */
export function signTreeHead(signer: Signer, size: number, rootHash: string, at: string): SignedTreeHead {
  const signature = signer.sign(treeHeadBytes({ size, rootHash, at })).toString('hex');
  return { size, rootHash, at, keyId: signingKeyId(signer.publicKeySpki), signature };
}

/** Whether the head's signature is this public key's over its size, root and time. */
export function verifyTreeHeadSignature(head: SignedTreeHead, publicKeySpki: Uint8Array): boolean {
  return signingKeyId(publicKeySpki) === head.keyId && verifyEd25519(publicKeySpki, treeHeadBytes(head), Buffer.from(head.signature, 'hex'));
}
