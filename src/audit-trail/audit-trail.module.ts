import { Module } from '@nestjs/common';
import type { SqlDriver } from '@lotse/event-store';
import { AuditLogModule } from '../audit-log';
import { APP_CONFIG, AppConfig } from '../config';
import { SQL_DRIVER } from '../database';
import { EventSourcingModule } from '../event-sourcing';
import { GuardModule } from '../guard';
import { PersonalDataModule } from '../personal-data';
import { AccessLogChainCheck } from './access-log/access-log-chain-check';
import { AccessLogRetention } from './access-log/access-log-retention';
import { AccessLogStore } from './access-log/access-log-store';
import { AccessLoggingInterceptor } from './access-log/access-logging.interceptor';
import { AccessRecorder } from './access-log/access-recorder';
import { ExportAccessLogging } from './access-log/export-access-logging';
import { MemoryAccessLogStore } from './access-log/memory-access-log-store';
import { SqlAccessLogStore } from './access-log/sql-access-log-store';
import { GetAccessReportHandler } from './access-report/access-report.handler';
import { AccessReportRoute } from './access-report/access-report.route';
import { ACCESS_LOG_STORE } from './audit-trail.tokens';
import { GetEventHistoryHandler } from './event-history/event-history.handler';
import { EventHistoryRoute } from './event-history/event-history.route';
import { GetGuardDecisionsHandler } from './guard-decisions/guard-decisions.handler';
import { GuardDecisionsRoute } from './guard-decisions/guard-decisions.route';
import { ListAccessHandler } from './list-access/list-access.handler';
import { ListAccessRoute } from './list-access/list-access.route';
import { StreamOwnership } from './stream-ownership';

const openAccessLogStore = async (sql: SqlDriver | undefined): Promise<AccessLogStore> => {
  const store = sql ? new SqlAccessLogStore(sql) : new MemoryAccessLogStore();
  await store.init();
  return store;
};

/**
 * The auditors' side: a stream's history with its envelopes, the guard's decisions with the career they rested on,
 * and the access log of who read whose data (recorded for every personal-data route by a global interceptor).
 */
@Module({
  // The guard's careers projection shows the career a decision rested on; the audit log's exports are recorded here.
  imports: [EventSourcingModule, PersonalDataModule, GuardModule, AuditLogModule],
  controllers: [EventHistoryRoute, GuardDecisionsRoute, ListAccessRoute, AccessReportRoute],
  providers: [
    StreamOwnership,
    { provide: ACCESS_LOG_STORE, inject: [SQL_DRIVER], useFactory: openAccessLogStore },
    { provide: AccessRecorder, inject: [ACCESS_LOG_STORE], useFactory: (store: AccessLogStore) => new AccessRecorder(store) },
    {
      provide: AccessLogRetention,
      inject: [ACCESS_LOG_STORE, AccessRecorder, APP_CONFIG],
      useFactory: (store: AccessLogStore, recorder: AccessRecorder, config: AppConfig) =>
        new AccessLogRetention(store, recorder, config.ACCESS_LOG_RETENTION_DAYS),
    },
    // Global through the app's one interceptor chain (AppModule), which sets its place.
    AccessLoggingInterceptor,
    ExportAccessLogging,
    AccessLogChainCheck,
    GetEventHistoryHandler,
    GetGuardDecisionsHandler,
    ListAccessHandler,
    GetAccessReportHandler,
  ],
  exports: [AccessRecorder, ACCESS_LOG_STORE, AccessLoggingInterceptor],
})
export class AuditTrailModule {}
