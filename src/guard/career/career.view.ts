import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import {
  EnrolmentLedgerEvent,
  GuardFlag,
  Jurisdiction,
  JURISDICTIONS,
  Outcome,
  OUTCOMES,
  OVERRIDABLE_RULES,
  PATHWAY_KINDS,
  PathwayKind,
} from '@lotse/domain';

/**
 * What the guard noted on a pathway: how it let it through (GuardFlag), or — found only when two
 * registrations of one person were merged — that it ran at the same time as another of its kind (R1).
 */
export type CareerFlag = GuardFlag | { rule: 'duplicate_pathway'; overlapsPathwayId: string; foundAt: string };

/** Two pathways of one kind running at once under two registrations of the same person, found by their merge. */
export class CareerConflict {
  @ApiProperty({ enum: ['duplicate_pathway'] }) rule: 'duplicate_pathway';
  @ApiProperty({ enum: PATHWAY_KINDS }) kind: PathwayKind;
  @ApiProperty({ type: 'string', format: 'uuid', description: 'the pathway of the merged-away registration' }) pathwayId: string;
  @ApiProperty({ type: 'string', format: 'uuid', description: 'the pathway it overlaps' }) overlapsPathwayId: string;
  @ApiProperty({ type: 'string', format: 'date-time', description: 'when the merge found it' }) foundAt: string;
}

/* The three kinds of CareerFlag, for the OpenAPI document: a client tells them apart by their members. */

@ApiSchema({ name: 'OverrideUsedFlag', description: 'An override let the pathway through despite its rule.' })
export class OverrideUsedFlag {
  @ApiProperty({ enum: OVERRIDABLE_RULES }) rule: string;
  @ApiProperty({ enum: [true] }) overridden: true;
  @ApiPropertyOptional({ type: 'string', format: 'uuid', description: 'absent for an override that came with a merged registration' })
  overrideId?: string;
}

@ApiSchema({ name: 'CaseConferenceFlag', description: 'R3 (career risk) was lifted by a case conference.' })
export class CaseConferenceFlag {
  @ApiProperty({ enum: ['career_risk'] }) rule: 'career_risk';
  @ApiProperty({ type: 'string', format: 'date', description: 'the day of the case conference' }) liftedByCaseConference: string;
}

@ApiSchema({ name: 'DuplicatePathwayFlag', description: 'A merge found the pathway running beside another of its kind.' })
export class DuplicatePathwayFlag {
  @ApiProperty({ enum: ['duplicate_pathway'] }) rule: 'duplicate_pathway';
  @ApiProperty({ type: 'string', format: 'uuid' }) overlapsPathwayId: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) foundAt: string;
}

@ApiExtraModels(OverrideUsedFlag, CaseConferenceFlag, DuplicatePathwayFlag)
export class CareerPathway {
  @ApiProperty({ type: 'string', format: 'uuid' }) pathwayId: string;
  @ApiProperty({ enum: PATHWAY_KINDS }) kind: PathwayKind;
  @ApiProperty({ enum: JURISDICTIONS }) jurisdiction: Jurisdiction;
  @ApiProperty({ type: 'string', format: 'date' }) plannedStart: string;
  @ApiProperty({ type: 'string', format: 'date' }) plannedEnd: string;
  @ApiProperty({ enum: ['active', 'completed', 'aborted'] }) status: 'active' | 'completed' | 'aborted';
  @ApiPropertyOptional({ type: 'string', format: 'date' }) endedOn?: string;
  @ApiPropertyOptional({ enum: OUTCOMES }) outcome?: Outcome;
  @ApiPropertyOptional() eligibilityVersion?: string;
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [getSchemaPath(OverrideUsedFlag), getSchemaPath(CaseConferenceFlag), getSchemaPath(DuplicatePathwayFlag)].map(($ref) => ({
        $ref,
      })),
    },
    description:
      'what the guard noted when it let the pathway through (overrides used, R3 lifted by a case conference), ' +
      'and `duplicate_pathway` with `overlapsPathwayId` when a merge found it running beside another of its kind',
  })
  flags: CareerFlag[];
}

export const OVERRIDE_STATUSES = ['open', 'used', 'expired'] as const;
export type OverrideStatus = (typeof OVERRIDE_STATUSES)[number];

export class CareerOverride {
  @ApiProperty({ type: 'string', format: 'uuid' }) overrideId: string;
  @ApiProperty({ enum: OVERRIDABLE_RULES }) rule: string;
  @ApiPropertyOptional({ enum: PATHWAY_KINDS }) kind?: PathwayKind;
  @ApiProperty({ type: 'string', format: 'date' }) validUntil: string;
  @ApiPropertyOptional({ description: 'absent for an override that came with a merged registration' }) grantedBy?: string;
  @ApiPropertyOptional({ type: 'string', format: 'date-time' }) grantedAt?: string;
  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    description: 'the pathway it let through: an override lifts its rule for one pathway only',
  })
  usedBy?: string;
  @ApiProperty({
    enum: OVERRIDE_STATUSES,
    description: '`used` once it let a pathway through, `expired` after validUntil unused, else `open`',
  })
  status: OverrideStatus;
}

/** An override as the career keeps it: whether it is still open depends on the day it is read. */
export type RecordedOverride = Omit<CareerOverride, 'status'>;

export class CareerView {
  @ApiProperty({ type: 'string', format: 'uuid' }) participantId: string;
  @ApiProperty({ type: [CareerPathway], description: 'all pathways across jurisdictions, in time order' }) pathways: CareerPathway[];
  @ApiProperty({ type: [CareerOverride] }) overrides: CareerOverride[];
  @ApiProperty({ type: 'string', format: 'date', isArray: true, description: 'dates of case conferences' }) caseConferences: string[];
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true, description: 'registrations merged into this one' }) mergedFrom: string[];
  @ApiProperty({ type: [CareerConflict], description: 'duplicate pathways a merge found, until one of the two ends' })
  conflicts: CareerConflict[];
}

/** What the careers read model keeps; `careerView` turns it into the answer of a given day. */
export type CareerHistory = Omit<CareerView, 'overrides'> & { overrides: RecordedOverride[] };

export const emptyCareer = (participantId: string): CareerHistory => ({
  participantId,
  pathways: [],
  overrides: [],
  caseConferences: [],
  mergedFrom: [],
  conflicts: [],
});

/** Used by the pathway it let through; unused, it lapses after its last valid day. */
export const overrideStatus = (override: RecordedOverride, today: string): OverrideStatus =>
  override.usedBy !== undefined ? 'used' : override.validUntil < today ? 'expired' : 'open';

export const careerView = (career: CareerHistory, today: string): CareerView => ({
  ...career,
  overrides: career.overrides.map((o) => ({ ...o, status: overrideStatus(o, today) })),
});

const overridesUsedBy = (flags: readonly GuardFlag[]): Set<string> =>
  new Set(flags.flatMap((flag) => ('overrideId' in flag && flag.overrideId ? [flag.overrideId] : [])));

/** The merge's overlaps as conflicts, and each of their pathways flagged with the other. */
const mergeConflicts = (
  career: CareerHistory,
  overlaps: readonly { pathwayId: string; overlapsPathwayId: string }[],
  foundAt: string,
): CareerHistory => {
  const kindOf = new Map(career.pathways.map((p) => [p.pathwayId, p.kind]));
  const conflicts = overlaps.map(({ pathwayId, overlapsPathwayId }): CareerConflict => ({
    rule: 'duplicate_pathway',
    kind: kindOf.get(pathwayId) as PathwayKind,
    pathwayId,
    overlapsPathwayId,
    foundAt,
  }));
  const flagsOf = (pathwayId: string): CareerFlag[] =>
    conflicts.flatMap((c) => {
      const other = c.pathwayId === pathwayId ? c.overlapsPathwayId : c.overlapsPathwayId === pathwayId ? c.pathwayId : undefined;
      return other ? [{ rule: 'duplicate_pathway' as const, overlapsPathwayId: other, foundAt }] : [];
    });
  return {
    ...career,
    conflicts: [...(career.conflicts ?? []), ...conflicts],
    pathways: career.pathways.map((p) => ({ ...p, flags: [...p.flags, ...flagsOf(p.pathwayId)] })),
  };
};

/** A conflict is settled once either of its pathways has ended (or never ran); the flags stay in the history. */
const settleConflicts = (career: CareerHistory, pathwayId: string): CareerHistory => ({
  ...career,
  conflicts: (career.conflicts ?? []).filter((c) => c.pathwayId !== pathwayId && c.overlapsPathwayId !== pathwayId),
});

const byStart = (a: CareerPathway, b: CareerPathway) => (a.plannedStart < b.plannedStart ? -1 : a.plannedStart > b.plannedStart ? 1 : 0);

/** One step of the fold over the enrolment ledger: kinds, jurisdictions, periods and outcomes — never notes or reasons. */
export const applyCareerEvent = (career: CareerHistory, event: EnrolmentLedgerEvent): CareerHistory => {
  switch (event.type) {
    case 'PathwayReserved': {
      const { pathwayId, kind, jurisdiction, plannedStart, plannedEnd, eligibilityVersion, flags } = event.data;
      const pathway: CareerPathway = {
        pathwayId,
        kind,
        jurisdiction,
        plannedStart,
        plannedEnd,
        status: 'active',
        eligibilityVersion,
        flags,
      };
      const used = overridesUsedBy(flags);
      return {
        ...career,
        pathways: [...career.pathways, pathway].sort(byStart),
        overrides: career.overrides.map((o) => (used.has(o.overrideId) ? { ...o, usedBy: pathwayId } : o)),
      };
    }
    // As in the ledger: a pathway that never opened gives its override back.
    case 'ReservationReleased':
      return {
        ...settleConflicts(career, event.data.pathwayId),
        pathways: career.pathways.filter((p) => p.pathwayId !== event.data.pathwayId),
        overrides: career.overrides.map(({ usedBy, ...o }) =>
          usedBy === event.data.pathwayId ? o : { ...o, ...(usedBy ? { usedBy } : {}) },
        ),
      };
    case 'PathwayEndRecorded':
      return {
        ...settleConflicts(career, event.data.pathwayId),
        pathways: career.pathways.map((p) =>
          p.pathwayId === event.data.pathwayId
            ? { ...p, status: event.data.status, endedOn: event.data.endedOn, outcome: event.data.outcome }
            : p,
        ),
      };
    case 'CaseConferenceRecorded':
      return { ...career, caseConferences: [...career.caseConferences, event.data.heldOn].sort() };
    case 'OverrideGranted': {
      const { overrideId, rule, kind, validUntil, grantedBy, grantedAt } = event.data;
      return {
        ...career,
        overrides: [...career.overrides, { overrideId, rule, ...(kind ? { kind } : {}), validUntil, grantedBy, grantedAt }],
      };
    }
    case 'LedgerMerged':
      return mergeConflicts(
        {
          ...career,
          mergedFrom: [...career.mergedFrom, event.data.fromParticipantId],
          pathways: [...career.pathways, ...event.data.pathways.map((p) => ({ ...p, flags: [] }))].sort(byStart),
          overrides: [
            ...career.overrides,
            ...event.data.overrides.map(({ overrideId, rule, kind, validUntil, usedBy }) => ({
              overrideId,
              rule,
              ...(kind ? { kind } : {}),
              validUntil,
              ...(usedBy ? { usedBy } : {}),
            })),
          ],
          caseConferences: [...career.caseConferences, ...event.data.caseConferences.map((c) => c.heldOn)].sort(),
        },
        event.data.overlaps ?? [],
        event.data.mergedAt,
      );
    // A closed ledger's entries arrive in the survivor's LedgerMerged; the guard's decisions are the auditors' record, not the career.
    case 'LedgerClosed':
    case 'GuardDecisionRecorded':
      return career;
  }
};
