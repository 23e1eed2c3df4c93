import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config';
import { ELIGIBILITY_TABLES, loadEligibilityTables } from './eligibility-tables';
import { GrantOverrideHandler } from './commands/grant-override';
import { RecordCaseConferenceHandler } from './commands/record-case-conference';
import { EnrolmentLedgerService } from './enrolment-ledger.service';
import { GuardController } from './guard.controller';
import { ParticipantLoader } from './participant-loader';
import { GetCareerHandler } from './queries/get-career';

@Global()
@Module({
  controllers: [GuardController],
  providers: [
    ParticipantLoader, GrantOverrideHandler, RecordCaseConferenceHandler, GetCareerHandler,
    { provide: ELIGIBILITY_TABLES, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadEligibilityTables(config.ELIGIBILITY_TABLE_FILE) },
    EnrolmentLedgerService,
  ],
  exports: [ELIGIBILITY_TABLES, EnrolmentLedgerService, ParticipantLoader],
})
export class GuardModule {}
