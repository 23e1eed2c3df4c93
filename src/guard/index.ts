// The guard context's public surface.
export { GuardModule } from './guard.module';
export { EnrolmentLedgerService } from './enrolment-ledger.service';
export type { PlannedPathway, PathwayFollowUp } from './enrolment-ledger.service';
export { ParticipantLoader } from './participant-loader';
export { ELIGIBILITY_TABLES } from './guard.tokens';
export { careersProjection } from './career/careers.projection';
export type { CareerDocument } from './career/careers.projection';
export { careerView, CareerView, emptyCareer } from './career/career.view';
