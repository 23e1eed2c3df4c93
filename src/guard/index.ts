export { GuardModule } from './guard.module';
export { EnrolmentLedgerService } from './enrolment-ledger.service';
export { ELIGIBILITY_TABLES } from './eligibility-tables';
