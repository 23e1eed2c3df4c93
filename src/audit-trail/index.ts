// The audit trail's public surface: the module, and the recorder other modules call when they hand out personal
// data outside the routes the interceptor knows (e.g. an export): `recorder.record({ sub, roles, municipality,
// route, participantIds, municipalities, purpose?, action: 'export' })`.
export { AuditTrailModule } from './audit-trail.module';
export { AccessRecorder } from './access-log/access-recorder';
export { AccessLoggingInterceptor } from './access-log/access-logging.interceptor';
export type { AccessToRecord } from './access-log/access-recorder';
export type { AccessEntry, AccessAction, AccessRecord } from './access-log/access-entry';
export { firstBrokenLink } from './access-log/access-entry';
export type { AccessLogStore } from './access-log/access-log-store';
export { ACCESS_LOG_STORE } from './audit-trail.tokens';
export { PURPOSE_HEADER } from './access-log/purpose';
