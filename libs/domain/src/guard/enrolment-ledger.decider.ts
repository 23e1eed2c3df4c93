import { Command, dayOf, Sealed } from '../kernel/command';
import { Decider, unreachable } from '../kernel/decider';
import { DomainError } from '../kernel/domain-error';
import { Event, isEventOf } from '../kernel/event';
import { GOAL_REACHED_OUTCOMES } from '../pathways/pathway.decider';
import { Jurisdiction, Outcome, PathwayKind, ResidenceStatus } from '../kernel/vocabulary';
import { isCalendarDate, periodsOverlap } from './dates';
import { AgeRange, EligibilityTable } from './eligibility-table';
import {
  checkPathway,
  ConflictingPeriod,
  effectiveEnd,
  EntitlementPeriod,
  GuardFlag,
  GuardOverride,
  GuardRefusal,
  GuardRule,
  OVERRIDABLE_RULES,
  OverridableRule,
  PathwayRecord,
  RefusalCode,
} from './guard.policy';

/*
 * The enrolment ledger: one stream per participant (`enrolment-<participantId>`) holding the
 * periods of all their pathways. The guard decides against this state and the reservation of the
 * new pathway is appended to the same stream with the expected version, so of two concurrent
 * requests only one can pass (an invariant is only safe inside one stream: across two, both checks could pass before either append). The handler then
 * opens the pathway's own stream; if that append fails, it releases the reservation.
 *
 * Residence status and entitlements stay in the participant's stream and come in with
 * ReservePathway: they are facts about the person, not a race between two pathways.
 */

export interface CaseConference {
  /** The case step that recorded it, so recording it twice changes nothing. */
  stepId: string;
  heldOn: string;
}

/**
 * An override as the guard needs it; the written reason stays in the OverrideGranted event. It lifts
 * its rule for one pathway only: `usedBy` names the pathway it let through, after which it is spent.
 */
export type LedgerOverride = GuardOverride & { overrideId: string; usedBy?: string };

/** The pathway an opening asks for, as the reservation, the decision record and the command all name it. */
export type PlannedPathway = {
  participantId: string;
  pathwayId: string;
  kind: PathwayKind;
  jurisdiction: Jurisdiction;
  plannedStart: string;
  plannedEnd: string;
};

/** How a pathway ended, as the ledger records it (the command carries the same facts as the event). */
export type PathwayEnd = {
  participantId: string;
  pathwayId: string;
  status: 'completed' | 'aborted';
  outcome: Outcome;
  endedOn: string;
};

/** A case conference as the ledger records it. */
export type CaseConferenceHeld = {
  participantId: string;
  stepId: string;
  heldOn: string;
  decision?: Sealed;
};

// Events: stored for good, so their type names and data never change shape.
export type PathwayReserved = Event<
  'PathwayReserved',
  PlannedPathway & {
    eligibilityVersion: string;
    flags: GuardFlag[];
    reservedAt: string;
  }
>;
export type ReservationReleased = Event<'ReservationReleased', { participantId: string; pathwayId: string; releasedAt: string }>;
export type PathwayEndRecorded = Event<'PathwayEndRecorded', PathwayEnd>;
export type CaseConferenceRecorded = Event<'CaseConferenceRecorded', CaseConferenceHeld>;
export type OverrideGranted = Event<
  'OverrideGranted',
  {
    participantId: string;
    overrideId: string;
    rule: OverridableRule;
    kind?: PathwayKind;
    validUntil: string;
    /** The coordinator's written reason, sealed with the participant's key. */
    reason: Sealed;
    grantedBy: string;
    grantedAt: string;
  }
>;
/**
 * The guard's decision on one opening, allowed or refused, for auditors and the statistics of refusals by rule.
 *
 * Where it is written keeps the guard race-safe. An allowed decision goes into the ledger in the same append as its
 * reservation, so it exists exactly when the reservation does. A refusal goes into the participant's own
 * `guard-decisions-<participantId>` stream, appended whatever its version: written into the ledger it would move the
 * version every reservation appends against, and twenty refused requests would make the one allowed request lose its race
 * again and again. `ledgerVersion` names the ledger state the decision rests on (a refusal is only ever decided on the
 * stream as freshly read), so an auditor replays the ledger up to it and gets the same answer.
 */
export type GuardDecisionRecorded = Event<
  'GuardDecisionRecorded',
  PlannedPathway & {
    allowed: boolean;
    eligibilityVersion: string;
    ledgerVersion: number;
    /** When allowed: what let it through despite a rule (overrides, a case conference). */
    flags: GuardFlag[];
    /** When refused: the first rule that failed and what it conflicts with. */
    refusal?: { code: RefusalCode; rule: GuardRule; conflicting?: ConflictingPeriod; conflictingPathwayId?: string; ages?: AgeRange };
    decidedAt: string;
  }
>;
export type LedgerClosed = Event<'LedgerClosed', { participantId: string; mergedInto: string; closedAt: string }>;
export type LedgerMerged = Event<
  'LedgerMerged',
  {
    participantId: string;
    fromParticipantId: string;
    pathways: PathwayRecord[];
    caseConferences: CaseConference[];
    overrides: LedgerOverride[];
    /** Pathways of one kind that ran at the same time under the two registrations: what the guard could not see before. */
    overlaps: { pathwayId: string; overlapsPathwayId: string }[];
    mergedAt: string;
  }
>;
export type EnrolmentLedgerEvent =
  | PathwayReserved
  | ReservationReleased
  | PathwayEndRecorded
  | CaseConferenceRecorded
  | OverrideGranted
  | LedgerClosed
  | LedgerMerged
  | GuardDecisionRecorded;

export const isEnrolmentLedgerEvent = isEventOf<EnrolmentLedgerEvent>({
  PathwayReserved: true,
  ReservationReleased: true,
  PathwayEndRecorded: true,
  CaseConferenceRecorded: true,
  OverrideGranted: true,
  LedgerClosed: true,
  LedgerMerged: true,
  GuardDecisionRecorded: true,
});

export interface EnrolmentLedger {
  /** Unset until the first event. */
  participantId?: string;
  pathways: readonly PathwayRecord[];
  releasedPathwayIds: readonly string[];
  caseConferences: readonly CaseConference[];
  overrides: readonly LedgerOverride[];
  mergedFrom: readonly string[];
  /** Set once the ledger has handed its entries over to the surviving participant's ledger. */
  closedInto?: string;
  /** The stream version of the last event folded in (-1 before the first): what a decision rests on. */
  version: number;
}

export const initialEnrolmentLedger: EnrolmentLedger = {
  pathways: [],
  releasedPathwayIds: [],
  caseConferences: [],
  overrides: [],
  mergedFrom: [],
  version: -1,
};

export const enrolmentStreamId = (participantId: string): string => `enrolment-${participantId}`;

/** Where the guard's refusals for a participant are recorded (see GuardDecisionRecorded). */
export const guardDecisionsStreamId = (participantId: string): string => `guard-decisions-${participantId}`;

/** A refusal of the guard: what the coach is told (code, message, details), and the decision to record for the audit. */
export class GuardRefused extends DomainError {
  constructor(
    code: RefusalCode,
    message: string,
    details: Record<string, unknown>,
    readonly decision: GuardDecisionRecorded,
  ) {
    super(code, message, details);
  }
}

const replacePathway = (state: EnrolmentLedger, pathwayId: string, change: (p: PathwayRecord) => PathwayRecord): readonly PathwayRecord[] =>
  state.pathways.map((p) => (p.pathwayId === pathwayId ? change(p) : p));

export const evolve = (state: EnrolmentLedger, event: EnrolmentLedgerEvent): EnrolmentLedger => {
  const ledger = { ...state, participantId: state.participantId ?? event.data.participantId, version: state.version + 1 };
  switch (event.type) {
    case 'PathwayReserved': {
      const { pathwayId, kind, jurisdiction, plannedStart, plannedEnd, flags } = event.data;
      const used = new Set(flags.flatMap((flag) => ('overrideId' in flag && flag.overrideId ? [flag.overrideId] : [])));
      return {
        ...ledger,
        pathways: [...ledger.pathways, { pathwayId, kind, jurisdiction, status: 'active', plannedStart, plannedEnd }],
        releasedPathwayIds: ledger.releasedPathwayIds.filter((id) => id !== pathwayId),
        overrides: ledger.overrides.map((o) => (used.has(o.overrideId) ? { ...o, usedBy: pathwayId } : o)),
      };
    }
    // A pathway that never opened did not use its override: the coordinator's decision still stands.
    case 'ReservationReleased':
      return {
        ...ledger,
        pathways: ledger.pathways.filter((p) => p.pathwayId !== event.data.pathwayId),
        releasedPathwayIds: [...ledger.releasedPathwayIds, event.data.pathwayId],
        overrides: ledger.overrides.map(({ usedBy, ...o }) =>
          usedBy === event.data.pathwayId ? o : { ...o, ...(usedBy ? { usedBy } : {}) },
        ),
      };
    case 'PathwayEndRecorded': {
      const { status, outcome, endedOn } = event.data;
      return { ...ledger, pathways: replacePathway(ledger, event.data.pathwayId, (p) => ({ ...p, status, outcome, endedOn })) };
    }
    case 'CaseConferenceRecorded':
      return { ...ledger, caseConferences: [...ledger.caseConferences, { stepId: event.data.stepId, heldOn: event.data.heldOn }] };
    case 'OverrideGranted': {
      const { overrideId, rule, kind, validUntil } = event.data;
      return { ...ledger, overrides: [...ledger.overrides, { overrideId, rule, validUntil, ...(kind ? { kind } : {}) }] };
    }
    case 'LedgerClosed':
      return { ...ledger, closedInto: event.data.mergedInto };
    // A record for auditors: the decision's effect is the PathwayReserved beside it.
    case 'GuardDecisionRecorded':
      return ledger;
    case 'LedgerMerged':
      return {
        ...ledger,
        pathways: [...ledger.pathways, ...event.data.pathways],
        caseConferences: [...ledger.caseConferences, ...event.data.caseConferences],
        overrides: [...ledger.overrides, ...event.data.overrides],
        mergedFrom: [...ledger.mergedFrom, event.data.fromParticipantId],
      };
    default:
      return unreachable(event);
  }
};

// Commands.
export type ReservePathway = Command<
  'ReservePathway',
  PlannedPathway & {
    /** From the participant's stream, as of now. */
    residenceStatus: ResidenceStatus;
    entitlements: readonly EntitlementPeriod[];
    /** Opened from the participant's sealed personal data for the age rule (R4); a command is never stored, so it stays out of the log. */
    birthDate?: string;
    /** The eligibility table in force today. */
    eligibility: EligibilityTable;
  }
>;
export type ReleaseReservation = Command<'ReleaseReservation', { participantId: string; pathwayId: string }>;
export type RecordPathwayEnded = Command<'RecordPathwayEnded', PathwayEnd>;
export type RecordCaseConference = Command<'RecordCaseConference', CaseConferenceHeld>;
export type GrantOverride = Command<
  'GrantOverride',
  { participantId: string; overrideId: string; rule: RefusalCode; kind?: PathwayKind; validUntil: string; reason: Sealed }
>;
/** First half of a merge, on the merged-away participant's ledger: from here on it takes no reservations. */
export type CloseLedger = Command<'CloseLedger', { participantId: string; mergedInto: string }>;
/** Second half, on the surviving participant's ledger, with the closed ledger's state as loaded. */
export type MergeLedger = Command<'MergeLedger', { participantId: string; source: EnrolmentLedger }>;
export type EnrolmentLedgerCommand =
  ReservePathway | ReleaseReservation | RecordPathwayEnded | RecordCaseConference | GrantOverride | CloseLedger | MergeLedger;

const writable = (state: EnrolmentLedger, participantId: string): EnrolmentLedger => {
  if (state.participantId !== undefined && state.participantId !== participantId) {
    throw new DomainError(
      'ledger_mismatch',
      `the command is for participant ${participantId}, the ledger belongs to ${state.participantId}`,
    );
  }
  // The entries now live in the surviving participant's ledger; the handler retries there.
  if (state.closedInto !== undefined) {
    throw new DomainError('ledger_closed', 'the participant was merged into another registration', { mergedInto: state.closedInto });
  }
  return state;
};

const pathwayIn = (state: EnrolmentLedger, pathwayId: string): PathwayRecord => {
  const pathway = state.pathways.find((p) => p.pathwayId === pathwayId);
  if (!pathway) throw new DomainError('reservation_not_found', `no pathway ${pathwayId} in the participant's ledger`);
  return pathway;
};

const ageRange = ({ min, max }: AgeRange): string =>
  min !== undefined && max !== undefined ? `${min} to ${max}` : min !== undefined ? `${min} or older` : `up to ${max}`;

const period = (p: { from: string; to?: string }) => (p.to ? `from ${p.from} to ${p.to}` : `from ${p.from}`);

/** A refusal in words a coach of another body may read: kinds, jurisdictions and dates only. */
const refusalMessage = (
  refusal: GuardRefusal,
  request: { kind: PathwayKind; jurisdiction: Jurisdiction },
  table: EligibilityTable,
): string => {
  const c = refusal.conflicting;
  switch (refusal.code) {
    case 'duplicate_pathway':
      return `R1: a ${c?.kind} pathway under ${c?.jurisdiction} ${c ? period(c) : ''} overlaps the planned period`;
    case 'not_eligible':
      return refusal.ages
        ? `R4: ${request.kind} under ${request.jurisdiction} is open only to people aged ${ageRange(refusal.ages)} on the planned start, ` +
            `and the participant's age then is outside it (age rule of eligibility table ${refusal.eligibilityVersion})`
        : `R4: ${request.kind} under ${request.jurisdiction} is not open to the participant's residence status (eligibility table ${refusal.eligibilityVersion})`;
    case 'subsidiarity':
      return `R2: an active ${c?.jurisdiction} entitlement ${c ? period(c) : ''} covers ${request.kind}; ${request.jurisdiction} funding is subsidiary to it`;
    case 'career_risk':
      return (
        `R3: ${table.careerRisk.failedPathways} ${request.kind} pathways ended without reaching their goal within ${table.careerRisk.withinMonths} months, ` +
        `the last under ${c?.jurisdiction} ${c ? period(c) : ''}; a case conference is needed first`
      );
  }
};

const reservePathway = (command: ReservePathway, state: EnrolmentLedger): EnrolmentLedgerEvent[] => {
  const d = command.data;
  const ledger = writable(state, d.participantId);
  if (!isCalendarDate(d.plannedStart) || !isCalendarDate(d.plannedEnd) || d.plannedEnd < d.plannedStart) {
    throw new DomainError('invalid_period', `planned period ${d.plannedStart} to ${d.plannedEnd} is not a valid period`);
  }
  const existing = ledger.pathways.find((p) => p.pathwayId === d.pathwayId);
  if (existing) {
    // A retried request (same idempotency key, same pathway id) finds its own reservation.
    const same =
      existing.kind === d.kind &&
      existing.jurisdiction === d.jurisdiction &&
      existing.plannedStart === d.plannedStart &&
      existing.plannedEnd === d.plannedEnd;
    if (same) return [];
    throw new DomainError('pathway_exists', `pathway ${d.pathwayId} is already reserved with other details`);
  }
  const request = {
    participantId: d.participantId,
    kind: d.kind,
    jurisdiction: d.jurisdiction,
    plannedStart: d.plannedStart,
    plannedEnd: d.plannedEnd,
  };
  const history = {
    residenceStatus: d.residenceStatus,
    entitlements: d.entitlements,
    pathways: ledger.pathways,
    caseConferences: ledger.caseConferences.map((c) => c.heldOn),
    ...(d.birthDate ? { birthDate: d.birthDate } : {}),
  };
  const unused = ledger.overrides.filter((o) => o.usedBy === undefined);
  const decision = checkPathway(request, history, d.eligibility, unused, command.metadata.now);
  const planned: PlannedPathway = {
    participantId: d.participantId,
    pathwayId: d.pathwayId,
    kind: d.kind,
    jurisdiction: d.jurisdiction,
    plannedStart: d.plannedStart,
    plannedEnd: d.plannedEnd,
  };
  const decided = {
    ...planned,
    eligibilityVersion: decision.eligibilityVersion,
    ledgerVersion: ledger.version,
    decidedAt: command.metadata.now,
  };
  if (!decision.ok) {
    const { code, rule, conflicting, conflictingPathwayId, ages } = decision;
    const record: GuardDecisionRecorded = {
      type: 'GuardDecisionRecorded',
      data: {
        ...decided,
        allowed: false,
        flags: [],
        refusal: {
          code,
          rule,
          ...(conflicting ? { conflicting } : {}),
          ...(conflictingPathwayId ? { conflictingPathwayId } : {}),
          ...(ages ? { ages } : {}),
        },
      },
    };
    // The coach of another body learns the rule and the conflict's kind, jurisdiction and period; the pathway's id stays in the record.
    throw new GuardRefused(
      code,
      refusalMessage(decision, request, d.eligibility),
      { rule, eligibilityVersion: decision.eligibilityVersion, ...(conflicting ? { conflicting } : {}), ...(ages ? { ages } : {}) },
      record,
    );
  }
  return [
    { type: 'GuardDecisionRecorded', data: { ...decided, allowed: true, flags: decision.flags } },
    {
      type: 'PathwayReserved',
      data: {
        ...planned,
        eligibilityVersion: decision.eligibilityVersion,
        flags: decision.flags,
        reservedAt: command.metadata.now,
      },
    },
  ];
};

const releaseReservation = (command: ReleaseReservation, state: EnrolmentLedger): EnrolmentLedgerEvent[] => {
  const d = command.data;
  const ledger = writable(state, d.participantId);
  if (ledger.releasedPathwayIds.includes(d.pathwayId)) return [];
  const pathway = pathwayIn(ledger, d.pathwayId);
  // A pathway that has ended really ran: its period must keep blocking, so it is not released.
  if (pathway.status !== 'active')
    throw new DomainError('pathway_not_active', `pathway ${d.pathwayId} has ended; only an unused reservation can be released`);
  return [
    { type: 'ReservationReleased', data: { participantId: d.participantId, pathwayId: d.pathwayId, releasedAt: command.metadata.now } },
  ];
};

const recordPathwayEnded = (command: RecordPathwayEnded, state: EnrolmentLedger): EnrolmentLedgerEvent[] => {
  const today = dayOf(command.metadata.now);
  const d = command.data;
  const pathway = pathwayIn(writable(state, d.participantId), d.pathwayId);
  if (pathway.status !== 'active') {
    if (pathway.status === d.status && pathway.outcome === d.outcome && pathway.endedOn === d.endedOn) return [];
    throw new DomainError('pathway_not_active', `pathway ${d.pathwayId} already ended on ${pathway.endedOn}`);
  }
  if (d.status === 'completed' && !GOAL_REACHED_OUTCOMES.includes(d.outcome)) {
    throw new DomainError('outcome_not_a_completion', `outcome ${d.outcome} does not reach the goal`);
  }
  if (!isCalendarDate(d.endedOn)) throw new DomainError('validation_failed', `endedOn ${d.endedOn} is not a date YYYY-MM-DD`);
  if (d.endedOn < pathway.plannedStart)
    throw new DomainError('end_before_start', `ended on ${d.endedOn}, before the start ${pathway.plannedStart}`);
  if (d.endedOn > today) throw new DomainError('end_in_future', `ended on ${d.endedOn}, which is after today`);
  return [
    {
      type: 'PathwayEndRecorded',
      data: { participantId: d.participantId, pathwayId: d.pathwayId, status: d.status, outcome: d.outcome, endedOn: d.endedOn },
    },
  ];
};

const recordCaseConference = (command: RecordCaseConference, state: EnrolmentLedger): EnrolmentLedgerEvent[] => {
  const today = dayOf(command.metadata.now);
  const d = command.data;
  const ledger = writable(state, d.participantId);
  if (ledger.caseConferences.some((c) => c.stepId === d.stepId)) return [];
  if (!isCalendarDate(d.heldOn)) throw new DomainError('validation_failed', `heldOn ${d.heldOn} is not a date YYYY-MM-DD`);
  if (d.heldOn > today) throw new DomainError('step_in_future', `case conference dated ${d.heldOn} is in the future`);
  return [
    {
      type: 'CaseConferenceRecorded',
      data: { participantId: d.participantId, stepId: d.stepId, heldOn: d.heldOn, ...(d.decision ? { decision: d.decision } : {}) },
    },
  ];
};

const grantOverride = (command: GrantOverride, state: EnrolmentLedger): EnrolmentLedgerEvent[] => {
  const today = dayOf(command.metadata.now);
  const d = command.data;
  const ledger = writable(state, d.participantId);
  if (ledger.overrides.some((o) => o.overrideId === d.overrideId)) return [];
  if (!(OVERRIDABLE_RULES as readonly string[]).includes(d.rule)) {
    throw new DomainError('not_overridable', `${d.rule} cannot be overridden; only ${OVERRIDABLE_RULES.join(', ')} can`);
  }
  if (!isCalendarDate(d.validUntil) || d.validUntil < today) {
    throw new DomainError('invalid_period', `an override valid until ${d.validUntil} would never apply`);
  }
  return [
    {
      type: 'OverrideGranted',
      data: {
        participantId: d.participantId,
        overrideId: d.overrideId,
        rule: d.rule as OverridableRule,
        ...(d.kind ? { kind: d.kind } : {}),
        validUntil: d.validUntil,
        reason: d.reason,
        grantedBy: command.metadata.actor,
        grantedAt: command.metadata.now,
      },
    },
  ];
};

const closeLedger = (command: CloseLedger, state: EnrolmentLedger): EnrolmentLedgerEvent[] => {
  const d = command.data;
  if (d.mergedInto === d.participantId) throw new DomainError('invalid_merge', 'a participant cannot be merged into itself');
  if (state.closedInto === d.mergedInto && state.participantId === d.participantId) return [];
  writable(state, d.participantId);
  return [{ type: 'LedgerClosed', data: { participantId: d.participantId, mergedInto: d.mergedInto, closedAt: command.metadata.now } }];
};

const mergeLedger = (command: MergeLedger, state: EnrolmentLedger): EnrolmentLedgerEvent[] => {
  const { participantId, source } = command.data;
  const ledger = writable(state, participantId);
  if (source.participantId !== undefined && ledger.mergedFrom.includes(source.participantId)) return [];
  // Only a closed ledger is final: entries appended to it after loading would otherwise be lost.
  if (source.participantId === undefined || source.closedInto !== participantId) {
    throw new DomainError('ledger_not_closed', 'close the merged-away participant’s ledger into this one first');
  }
  const pathways = source.pathways.filter((p) => !ledger.pathways.some((q) => q.pathwayId === p.pathwayId));
  const overlaps = pathways.flatMap((p) =>
    ledger.pathways
      .filter(
        (q) =>
          q.kind === p.kind && periodsOverlap({ from: p.plannedStart, to: effectiveEnd(p) }, { from: q.plannedStart, to: effectiveEnd(q) }),
      )
      .map((q) => ({ pathwayId: p.pathwayId, overlapsPathwayId: q.pathwayId })),
  );
  return [
    {
      type: 'LedgerMerged',
      data: {
        participantId,
        fromParticipantId: source.participantId,
        pathways: [...pathways],
        caseConferences: source.caseConferences.filter((c) => !ledger.caseConferences.some((k) => k.stepId === c.stepId)),
        overrides: source.overrides.filter((o) => !ledger.overrides.some((k) => k.overrideId === o.overrideId)),
        overlaps,
        mergedAt: command.metadata.now,
      },
    },
  ];
};

export const decide = (command: EnrolmentLedgerCommand, state: EnrolmentLedger): EnrolmentLedgerEvent[] => {
  switch (command.type) {
    case 'ReservePathway':
      return reservePathway(command, state);
    case 'ReleaseReservation':
      return releaseReservation(command, state);
    case 'RecordPathwayEnded':
      return recordPathwayEnded(command, state);
    case 'RecordCaseConference':
      return recordCaseConference(command, state);
    case 'GrantOverride':
      return grantOverride(command, state);
    case 'CloseLedger':
      return closeLedger(command, state);
    case 'MergeLedger':
      return mergeLedger(command, state);
    default:
      return unreachable(command);
  }
};

export const enrolmentLedgerDecider: Decider<EnrolmentLedgerCommand, EnrolmentLedgerEvent, EnrolmentLedger> = {
  decide,
  evolve,
  initialState: initialEnrolmentLedger,
  isEvent: isEnrolmentLedgerEvent,
};
