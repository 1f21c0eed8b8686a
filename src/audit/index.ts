export { canonicalJson, sha256Hex } from './canonical.js';
export { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, loadOrCreateInstallationKey, readPublicKeyFile } from './installation-key.js';
export { CompactRange, EMPTY_ROOT, consistencyProof, inclusionProof, leafHash, merkleRoot, nodeHash, verifyConsistency, verifyInclusion } from './merkle.js';
