export { ACTIVITY_POLICY, ActivityFinding, ActivityKind, ActivityPolicy, ActivityTest } from './activity.js';
export type { ActivityPolicyInput } from './activity.js';
export { AUDIT_GENESIS_HASH, AuditAction, AuditEntry, SignedTreeHead } from './audit.js';
export {
  Actor,
  CASE_MIGRATIONS,
  CASE_SCHEMA_ID,
  CaseFile,
  CaseSource,
  Claim,
  ClaimedPlace,
  ClaimedWindow,
  SourceKind,
  claimedWindow,
  formatYamlPath,
  migrateCaseDocument,
  parseCaseFile,
} from './case.js';
export type { CaseMigration, CaseParseResult, CaseProblem } from './case.js';
export { CustodyAction, CustodyEntry } from './custody.js';
export {
  DiagnosticRecord,
  Severity,
  diagnostic,
  formatDiagnostic,
  isDiagnostic,
  jsonPointer,
  pointerSegment,
} from './diagnostic.js';
export type { Diagnostic } from './diagnostic.js';
export { EVENT_TYPES, EventTypeSlug } from './event-type.js';
export { distanceKm } from './geometry.js';
export { Incident } from './incident.js';
export type { ClusterReport } from './incident.js';
export { ed25519Signer, generateEd25519Signer, signingKeyId, verifyEd25519 } from './signing.js';
export type { Signer } from './signing.js';
export { systemClock } from './ports.js';
export type { Clock, Pseudonymizer } from './ports.js';
export {
  Author,
  Channel,
  IngestFormat,
  IsoInstant,
  MediaRef,
  MediaStatus,
  Origin,
  RawItem,
  rawItemId,
} from './raw-item.js';
export { HashAlgorithm, Keyframe, MediaDevice, MediaExif, MediaFacts, MediaGps, MediaProblem, SAME_PICTURE_MAX_DISTANCE, hamming, hashBands } from './media.js';
export { Language, Report } from './report.js';
export {
  Classification,
  CountKind,
  CountMention,
  FamilyLink,
  FamilyMembership,
  PlacePrecision,
  RecycledMedia,
  ReportEventType,
  ReportPlace,
  SourceRole,
  TimeMention,
  TimePrecision,
  Toponym,
  Urgency,
} from './analysis.js';
