import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config';
import { EventSourcingModule } from '../event-sourcing';
import { PersonalDataModule } from '../personal-data';
import { CareerRoute } from './career/career.route';
import { GetCareerHandler } from './career/get-career.handler';
import { ConflictsRoute } from './conflicts/conflicts.route';
import { ListConflictsHandler } from './conflicts/list-conflicts.handler';
import { loadEligibilityTables } from './eligibility-tables';
import { EnrolmentLedgerService } from './enrolment-ledger.service';
import { GrantOverrideHandler } from './grant-override/grant-override.handler';
import { GrantOverrideRoute } from './grant-override/grant-override.route';
import { ELIGIBILITY_TABLES } from './guard.tokens';
import { ParticipantLoader } from './participant-loader';
import { RecordCaseConferenceHandler } from './record-case-conference/record-case-conference.handler';
import { RecordCaseConferenceRoute } from './record-case-conference/record-case-conference.route';

/** The measure-career guard: the enrolment ledgers, overrides, case conferences and careers. Imported by the contexts that use it. */
@Module({
  imports: [EventSourcingModule, PersonalDataModule],
  controllers: [GrantOverrideRoute, RecordCaseConferenceRoute, CareerRoute, ConflictsRoute],
  providers: [
    ParticipantLoader,
    GrantOverrideHandler,
    RecordCaseConferenceHandler,
    GetCareerHandler,
    ListConflictsHandler,
    {
      provide: ELIGIBILITY_TABLES,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loadEligibilityTables(config.ELIGIBILITY_TABLE_FILE),
    },
    EnrolmentLedgerService,
  ],
  exports: [ELIGIBILITY_TABLES, EnrolmentLedgerService, ParticipantLoader],
})
export class GuardModule {}
