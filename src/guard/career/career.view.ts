import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EnrolmentLedgerEvent, GuardFlag, Jurisdiction, Outcome, PathwayKind } from '@lotse/domain';

export class CareerPathway {
  @ApiProperty() pathwayId: string;
  @ApiProperty() kind: PathwayKind;
  @ApiProperty() jurisdiction: Jurisdiction;
  @ApiProperty() plannedStart: string;
  @ApiProperty() plannedEnd: string;
  @ApiProperty({ enum: ['active', 'completed', 'aborted'] }) status: 'active' | 'completed' | 'aborted';
  @ApiPropertyOptional() endedOn?: string;
  @ApiPropertyOptional() outcome?: Outcome;
  @ApiPropertyOptional() eligibilityVersion?: string;
  @ApiProperty({ description: 'what the guard noted when it let the pathway through (overrides used, R3 lifted by a case conference)' })
  flags: GuardFlag[];
}

export class CareerOverride {
  @ApiProperty() overrideId: string;
  @ApiProperty() rule: string;
  @ApiPropertyOptional() kind?: PathwayKind;
  @ApiProperty() validUntil: string;
  @ApiProperty() grantedBy: string;
  @ApiProperty() grantedAt: string;
}

export class CareerView {
  @ApiProperty() participantId: string;
  @ApiProperty({ type: [CareerPathway], description: 'all pathways across jurisdictions, in time order' }) pathways: CareerPathway[];
  @ApiProperty({ type: [CareerOverride] }) overrides: CareerOverride[];
  @ApiProperty({ description: 'dates of case conferences' }) caseConferences: string[];
  @ApiProperty({ description: 'registrations merged into this one' }) mergedFrom: string[];
}

export const emptyCareer = (participantId: string): CareerView => ({
  participantId,
  pathways: [],
  overrides: [],
  caseConferences: [],
  mergedFrom: [],
});

const byStart = (a: CareerPathway, b: CareerPathway) => (a.plannedStart < b.plannedStart ? -1 : a.plannedStart > b.plannedStart ? 1 : 0);

/** One step of the fold over the enrolment ledger: kinds, jurisdictions, periods and outcomes — never notes or reasons. */
export const applyCareerEvent = (career: CareerView, event: EnrolmentLedgerEvent): CareerView => {
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
      return { ...career, pathways: [...career.pathways, pathway].sort(byStart) };
    }
    case 'ReservationReleased':
      return { ...career, pathways: career.pathways.filter((p) => p.pathwayId !== event.data.pathwayId) };
    case 'PathwayEndRecorded':
      return {
        ...career,
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
      return {
        ...career,
        mergedFrom: [...career.mergedFrom, event.data.fromParticipantId],
        pathways: [...career.pathways, ...event.data.pathways.map((p) => ({ ...p, flags: [] }))].sort(byStart),
        caseConferences: [...career.caseConferences, ...event.data.caseConferences.map((c) => c.heldOn)].sort(),
      };
    case 'LedgerClosed':
      return career;
  }
};
