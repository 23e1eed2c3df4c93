// The measure-career guard: the rules as pure policy, the eligibility table, and the
// per-participant enrolment ledger that makes the decision and the reservation one append.
export { validateEligibilityTable, eligibilityTableOn } from './eligibility-table';
export type { EligibilityTable, EligibilityRule, AgeRange } from './eligibility-table';
export { NRW_ELIGIBILITY_2026, NRW_ELIGIBILITY_2026_2, NRW_ELIGIBILITY_TABLES } from './default-eligibility-table.nrw';
export {
  checkPathway,
  checkNoDuplicate,
  checkEligibility,
  checkSubsidiarity,
  checkCareerRisk,
  effectiveEnd,
  hasFailed,
  UNSUCCESSFUL_OUTCOMES,
  GUARD_RULES,
  OVERRIDABLE_RULES,
} from './guard.policy';
export type {
  GuardRequest,
  PathwayRecord,
  EntitlementPeriod,
  ParticipantHistory,
  GuardOverride,
  GuardDecision,
  GuardRefusal,
  GuardFlag,
  GuardRule,
  RefusalCode,
  OverridableRule,
  ConflictingPeriod,
  RuleVerdict,
} from './guard.policy';
export {
  enrolmentLedgerDecider,
  enrolmentStreamId,
  initialEnrolmentLedger,
  isEnrolmentLedgerEvent,
  guardDecisionsStreamId,
  GuardRefused,
} from './enrolment-ledger.decider';
export type {
  EnrolmentLedger,
  EnrolmentLedgerEvent,
  EnrolmentLedgerCommand,
  CaseConference,
  LedgerOverride,
  PathwayReserved,
  ReservationReleased,
  PathwayEndRecorded,
  CaseConferenceRecorded,
  OverrideGranted,
  LedgerClosed,
  LedgerMerged,
  GuardDecisionRecorded,
  ReservePathway,
  ReleaseReservation,
  RecordPathwayEnded,
  RecordCaseConference,
  GrantOverride,
  CloseLedger,
  MergeLedger,
} from './enrolment-ledger.decider';
