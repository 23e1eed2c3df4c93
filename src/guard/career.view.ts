import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EnrolmentLedgerEvent, GuardFlag, Jurisdiction, Outcome, PathwayKind } from '@lotse/domain';
import { StoredEvent } from '@lotse/event-store';

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

/** A left fold of the enrolment ledger: kinds, jurisdictions, periods and outcomes — never notes or reasons. */
export const careerOf = (participantId: string, events: readonly StoredEvent[]): CareerView => {
  const view: CareerView = { participantId, pathways: [], overrides: [], caseConferences: [], mergedFrom: [] };
  for (const stored of events) {
    const event = { type: stored.type, data: stored.data } as EnrolmentLedgerEvent;
    switch (event.type) {
      case 'PathwayReserved': {
        const { pathwayId, kind, jurisdiction, plannedStart, plannedEnd, eligibilityVersion, flags } = event.data;
        view.pathways.push({ pathwayId, kind, jurisdiction, plannedStart, plannedEnd, status: 'active', eligibilityVersion, flags });
        break;
      }
      case 'ReservationReleased':
        view.pathways = view.pathways.filter((p) => p.pathwayId !== event.data.pathwayId);
        break;
      case 'PathwayEndRecorded':
        view.pathways = view.pathways.map((p) => (p.pathwayId === event.data.pathwayId
          ? { ...p, status: event.data.status, endedOn: event.data.endedOn, outcome: event.data.outcome } : p));
        break;
      case 'CaseConferenceRecorded':
        view.caseConferences.push(event.data.heldOn);
        break;
      case 'OverrideGranted': {
        const { overrideId, rule, kind, validUntil, grantedBy, grantedAt } = event.data;
        view.overrides.push({ overrideId, rule, ...(kind ? { kind } : {}), validUntil, grantedBy, grantedAt });
        break;
      }
      case 'LedgerMerged':
        view.mergedFrom.push(event.data.fromParticipantId);
        view.pathways.push(...event.data.pathways.map((p) => ({ ...p, flags: [] })));
        view.caseConferences.push(...event.data.caseConferences.map((c) => c.heldOn));
        break;
      default:
        break;
    }
  }
  view.pathways.sort((a, b) => (a.plannedStart < b.plannedStart ? -1 : a.plannedStart > b.plannedStart ? 1 : 0));
  view.caseConferences.sort();
  return view;
};
