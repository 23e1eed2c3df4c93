export { AuditLogModule } from './audit-log.module';
export { AuditLogHealthIndicator } from './verification/audit-log.health-indicator';
export { EXPORT_ACCESS_RECORDER, MERKLE_TREE_STORE } from './audit-log.tokens';
export type { ExportAccess, ExportAccessRecorder } from './export/export-access-recorder';
export { ExportAccessRecorderSlot } from './export/export-access-recorder';
export { TreeFollower } from './tree/tree-follower';
export { BackgroundVerifier } from './verification/background-verifier';
export { EXPORT_FORMAT } from './export/export-format';
export type { ExportLine, ExportEvent, ExportHeader } from './export/export-format';
