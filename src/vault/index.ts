export { Vault } from './vault.js';
export type { Capture, CaptureRequest, VaultFinding, VaultOptions, VerifyProgress } from './vault.js';
export { custodyDigest, readCustodyLog } from './custody-log.js';
export type { CustodyProblem } from './custody-log.js';
export { sniffMediaType } from './media-type.js';
