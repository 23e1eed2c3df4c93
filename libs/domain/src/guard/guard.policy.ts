import { ageOn } from '../kernel/age';
import { dayOf } from '../kernel/command';
import { PathwayStatus } from '../pathways/pathway.decider';
import { Jurisdiction, Outcome, PathwayKind, ResidenceStatus } from '../kernel/vocabulary';
import { addMonths, periodsOverlap } from './dates';
import { AgeRange, EligibilityTable } from './eligibility-table';

/*
 * The measure-career guard: four rules, each a small pure function, checked in the
 * fixed order R1, R4, R2, R3; the first refusal wins. A refusal names the rule, the table version and
 * at most the kind, jurisdiction and period of what it conflicts with — never notes or personal data,
 * because it is shown to a coach of another body.
 */

export type GuardRule = 'R1' | 'R2' | 'R3' | 'R4';
export type RefusalCode = 'duplicate_pathway' | 'subsidiarity' | 'career_risk' | 'not_eligible';
/** R1 cannot be overridden: two equal measures at once is exactly what Lotse exists to prevent. */
export type OverridableRule = Exclude<RefusalCode, 'duplicate_pathway'>;
export const OVERRIDABLE_RULES: readonly OverridableRule[] = ['subsidiarity', 'career_risk', 'not_eligible'];

export interface GuardRequest {
  participantId: string;
  kind: PathwayKind;
  jurisdiction: Jurisdiction;
  plannedStart: string;
  plannedEnd: string;
}

/** One of the participant's pathways, from any municipality and any body. */
export interface PathwayRecord {
  pathwayId: string;
  kind: PathwayKind;
  jurisdiction: Jurisdiction;
  status: PathwayStatus;
  plannedStart: string;
  plannedEnd: string;
  endedOn?: string;
  outcome?: Outcome;
}

export interface EntitlementPeriod {
  jurisdiction: Jurisdiction;
  from: string;
  to?: string;
}

/** What the guard knows of the participant (after any duplicate merge). */
export interface ParticipantHistory {
  /** The status at decision time. */
  residenceStatus: ResidenceStatus;
  entitlements: readonly EntitlementPeriod[];
  pathways: readonly PathwayRecord[];
  /** Days (`YYYY-MM-DD`) on which a case conference was held about the participant. */
  caseConferences: readonly string[];
  /**
   * Opened from the sealed personal data for this decision only, never stored with it; unknown,
   * an offer with an age limit cannot be shown to fit.
   */
  birthDate?: string;
}

/** A coordinator's override of one rule, valid up to and including `validUntil`; with `kind`, only for that kind. */
export interface GuardOverride {
  rule: OverridableRule;
  validUntil: string;
  kind?: PathwayKind;
  overrideId?: string;
}

export interface ConflictingPeriod {
  kind: PathwayKind;
  jurisdiction: Jurisdiction;
  from: string;
  to?: string;
}

/** Why a pathway passed a rule it would have failed: recorded with the reservation, for audit and statistics. */
export type GuardFlag =
  { rule: OverridableRule; overridden: true; overrideId?: string } | { rule: 'career_risk'; liftedByCaseConference: string };

export interface GuardRefusal {
  ok: false;
  code: RefusalCode;
  rule: GuardRule;
  eligibilityVersion: string;
  conflicting?: ConflictingPeriod;
  /** The participant's pathway it conflicts with (R1, R3): for the audit record only, never shown to a coach of another body. */
  conflictingPathwayId?: string;
  /** R4 refused for the age on the planned start: the offer's age range. */
  ages?: AgeRange;
}

export type GuardDecision = { ok: true; eligibilityVersion: string; flags: GuardFlag[] } | GuardRefusal;

/** What one rule says: pass (perhaps with a flag), or fail with what it conflicts with. */
export type RuleVerdict =
  | { pass: true; flag?: GuardFlag }
  | { pass: false; code: RefusalCode; rule: GuardRule; conflicting?: ConflictingPeriod; conflictingPathwayId?: string; ages?: AgeRange };

const PASS: RuleVerdict = { pass: true };

/** The last day a pathway occupies: its end once ended, else its planned end. */
export const effectiveEnd = (pathway: PathwayRecord): string =>
  pathway.status !== 'active' && pathway.endedOn !== undefined ? pathway.endedOn : pathway.plannedEnd;

/**
 * What R3 counts as a pathway that did not help: it ended in another measure (the next stop of a
 * measure career), a dropout, or nobody knows how. A training place, a job or a school place is a
 * success; moving away says nothing about the measure and counts neither way. An abort recorded
 * before outcomes had to fit the ending may carry no outcome: it counts as a failure.
 */
export const UNSUCCESSFUL_OUTCOMES: readonly Outcome[] = ['other_measure', 'dropped_out', 'unknown'];

export const hasFailed = (pathway: PathwayRecord): boolean =>
  pathway.status !== 'active' &&
  (pathway.outcome !== undefined ? UNSUCCESSFUL_OUTCOMES.includes(pathway.outcome) : pathway.status === 'aborted');

/**
 * R1: no two pathways of one kind share a day, whoever pays. Periods that only touch (one ends on
 * the 30th, the next starts on the 1st) do not; an ended pathway blocks up to its end date only.
 */
export const checkNoDuplicate = (request: GuardRequest, history: ParticipantHistory): RuleVerdict => {
  const clash = history.pathways.find(
    (p) =>
      p.kind === request.kind &&
      periodsOverlap({ from: p.plannedStart, to: effectiveEnd(p) }, { from: request.plannedStart, to: request.plannedEnd }),
  );
  if (!clash) return PASS;
  return {
    pass: false,
    code: 'duplicate_pathway',
    rule: 'R1',
    conflictingPathwayId: clash.pathwayId,
    conflicting: { kind: clash.kind, jurisdiction: clash.jurisdiction, from: clash.plannedStart, to: effectiveEnd(clash) },
  };
};

const withinAges = (ages: AgeRange, birthDate: string | undefined, day: string): boolean => {
  if (birthDate === undefined) return false;
  const age = ageOn(birthDate, day);
  return (ages.min === undefined || age >= ages.min) && (ages.max === undefined || age <= ages.max);
};

/**
 * R4: the table opens this kind under this jurisdiction to the participant's current residence
 * status and, if the row has an age range, to their age on the planned start — the day funding law
 * looks at on entry into a measure.
 */
export const checkEligibility = (request: GuardRequest, history: ParticipantHistory, table: EligibilityTable): RuleVerdict => {
  const rule = table.rules.find((r) => r.kind === request.kind && r.jurisdiction === request.jurisdiction);
  const open = rule !== undefined && (rule.residenceStatuses === 'all' || rule.residenceStatuses.includes(history.residenceStatus));
  if (!open) return { pass: false, code: 'not_eligible', rule: 'R4' };
  if (rule.ages && !withinAges(rule.ages, history.birthDate, request.plannedStart))
    return { pass: false, code: 'not_eligible', rule: 'R4', ages: rule.ages };
  return PASS;
};

/**
 * R2: the subsidiary body (the state) does not fund a covered kind while a covering entitlement
 * (SGB II, SGB XII) is active on the planned start. Funding law decides eligibility on entry into a
 * measure, so the planned start is the day that counts: an entitlement that ended before it does
 * not block, and one that starts later in the period does not reach back — moving the participant
 * over then is a referral for the coach, not a refusal of the guard.
 */
export const checkSubsidiarity = (request: GuardRequest, history: ParticipantHistory, table: EligibilityTable): RuleVerdict => {
  const { coveringJurisdictions, subsidiaryJurisdiction, kinds } = table.subsidiarity;
  if (request.jurisdiction !== subsidiaryJurisdiction || !kinds.includes(request.kind)) return PASS;
  const covering = history.entitlements.find(
    (e) =>
      coveringJurisdictions.includes(e.jurisdiction) &&
      e.from <= request.plannedStart &&
      (e.to === undefined || e.to >= request.plannedStart),
  );
  if (!covering) return PASS;
  return {
    pass: false,
    code: 'subsidiarity',
    rule: 'R2',
    conflicting: {
      kind: request.kind,
      jurisdiction: covering.jurisdiction,
      from: covering.from,
      ...(covering.to ? { to: covering.to } : {}),
    },
  };
};

/**
 * R3: after `failedPathways` failed pathways of this kind (any jurisdiction) that ended within the
 * `withinMonths` months up to the planned start (the day exactly that many months before counts),
 * another one needs a case conference held on or after the day the last of them ended. A conference
 * on that very day counts: it is typically the one that decided the abort and what comes next.
 */
export const checkCareerRisk = (request: GuardRequest, history: ParticipantHistory, table: EligibilityTable): RuleVerdict => {
  const windowStart = addMonths(request.plannedStart, -table.careerRisk.withinMonths);
  const failures = history.pathways.filter(
    (p) =>
      p.kind === request.kind && hasFailed(p) && p.endedOn !== undefined && p.endedOn >= windowStart && p.endedOn < request.plannedStart,
  );
  if (failures.length < table.careerRisk.failedPathways) return PASS;
  const last = failures.reduce((a, b) => ((b.endedOn as string) > (a.endedOn as string) ? b : a));
  const conference = history.caseConferences
    .map(dayOf)
    .filter((day) => day >= (last.endedOn as string))
    .sort()[0];
  if (conference !== undefined) return { pass: true, flag: { rule: 'career_risk', liftedByCaseConference: conference } };
  return {
    pass: false,
    code: 'career_risk',
    rule: 'R3',
    conflictingPathwayId: last.pathwayId,
    conflicting: { kind: last.kind, jurisdiction: last.jurisdiction, from: last.plannedStart, to: last.endedOn },
  };
};

/** A failed rule passes when an override of it is still valid today (and, if scoped, is for this kind). */
const withOverrides = (verdict: RuleVerdict, request: GuardRequest, overrides: readonly GuardOverride[], today: string): RuleVerdict => {
  if (verdict.pass || verdict.code === 'duplicate_pathway') return verdict;
  const override = overrides.find(
    (o) => o.rule === verdict.code && o.validUntil >= today && (o.kind === undefined || o.kind === request.kind),
  );
  if (!override) return verdict;
  return {
    pass: true,
    flag: { rule: verdict.code, overridden: true, ...(override.overrideId ? { overrideId: override.overrideId } : {}) },
  };
};

type RuleCheck = (request: GuardRequest, history: ParticipantHistory, table: EligibilityTable) => RuleVerdict;

/** The fixed order: a duplicate is the gravest finding, then whether the offer exists for this person at all. */
export const GUARD_RULES: readonly RuleCheck[] = [checkNoDuplicate, checkEligibility, checkSubsidiarity, checkCareerRisk];

/**
 * The guard's decision on opening a pathway: `{ ok: true, flags }` or the first refusal.
 * `now` (ISO 8601) only decides which overrides are still valid.
 */
export const checkPathway = (
  request: GuardRequest,
  history: ParticipantHistory,
  table: EligibilityTable,
  overrides: readonly GuardOverride[],
  now: string,
): GuardDecision => {
  const today = dayOf(now);
  const flags: GuardFlag[] = [];
  for (const check of GUARD_RULES) {
    const verdict = withOverrides(check(request, history, table), request, overrides, today);
    if (!verdict.pass) {
      return {
        ok: false,
        code: verdict.code,
        rule: verdict.rule,
        eligibilityVersion: table.version,
        ...(verdict.conflicting ? { conflicting: verdict.conflicting } : {}),
        ...(verdict.conflictingPathwayId ? { conflictingPathwayId: verdict.conflictingPathwayId } : {}),
        ...(verdict.ages ? { ages: verdict.ages } : {}),
      };
    }
    if (verdict.flag) flags.push(verdict.flag);
  }
  return { ok: true, eligibilityVersion: table.version, flags };
};
