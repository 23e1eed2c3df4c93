import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config';
import { ELIGIBILITY_TABLES, loadEligibilityTables } from './eligibility-tables';
import { EnrolmentLedgerService } from './enrolment-ledger.service';

@Global()
@Module({
  providers: [
    { provide: ELIGIBILITY_TABLES, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadEligibilityTables(config.ELIGIBILITY_TABLE_FILE) },
    EnrolmentLedgerService,
  ],
  exports: [ELIGIBILITY_TABLES, EnrolmentLedgerService],
})
export class GuardModule {}
