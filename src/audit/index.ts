export { canonicalJson, sha256Hex } from './canonical.js';
export { HEADS_FILE, LOG_FILE, PAYLOADS_FOLDER, TORN_FOLDER } from './files.js';
export { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, loadOrCreateInstallationKey, readPublicKeyFile } from './installation-key.js';
export { AuditError, AuditLog, proveInclusion, readAuditLog, readAuditPayload } from './log.js';
export type { Appended, AuditLine, AuditLogOptions, AuditLogRead, AuditRecord, InclusionProof } from './log.js';
export { CompactRange, EMPTY_ROOT, consistencyProof, inclusionProof, leafHash, merkleRoot, nodeHash, verifyConsistency, verifyInclusion } from './merkle.js';
export { signTreeHead, treeHeadBytes, verifyTreeHeadSignature } from './tree-head.js';
export { verifyAuditLog } from './verify.js';
export type { AuditFinding, AuditFindingId, AuditVerification, VerifyOptions } from './verify.js';
