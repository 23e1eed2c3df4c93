import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STEP_KINDS, CaseStepKind, Jurisdiction, JURISDICTIONS, Outcome, OUTCOMES, PATHWAY_KINDS, PathwayKind } from '@lotse/domain';

/** What every view of a pathway shows: the caseload row and the full pathway alike. */
export class PathwayFacts {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) participantId: string;
  @ApiProperty({ enum: PATHWAY_KINDS, example: 'coaching' }) kind: PathwayKind;
  @ApiProperty({ enum: JURISDICTIONS, example: 'state' }) jurisdiction: Jurisdiction;
  @ApiProperty() provider: string;
  @ApiProperty() municipality: string;
  @ApiProperty() coachId: string;
  @ApiProperty({ enum: ['active', 'completed', 'aborted'] }) status: 'active' | 'completed' | 'aborted';
  @ApiProperty({ type: 'string', format: 'date' }) plannedStart: string;
  @ApiProperty({ type: 'string', format: 'date' }) plannedEnd: string;
  @ApiPropertyOptional({ enum: OUTCOMES }) outcome?: Outcome;
  @ApiPropertyOptional({ type: 'string', format: 'date' }) endedOn?: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'the offer it holds a place in' }) offerId: string | null;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class LastStepView {
  @ApiProperty({ enum: CASE_STEP_KINDS }) kind: CaseStepKind;
  @ApiProperty({ type: 'string', format: 'date-time' }) occurredAt: string;
}

export class NextStepView {
  @ApiProperty({ enum: CASE_STEP_KINDS }) kind: CaseStepKind;
  @ApiProperty({ type: 'string', format: 'date', example: '2026-03-17' }) dueOn: string;
  @ApiProperty({ description: 'due before today' }) overdue: boolean;
}

export class ParticipantNameView {
  @ApiProperty({ example: 'Amira' }) givenName: string;
  @ApiProperty({ example: 'Haddad' }) familyName: string;
}

export class CaseloadItem extends PathwayFacts {
  @ApiProperty({ type: ParticipantNameView, nullable: true, description: 'for coach and admin; null for other roles and once erased' })
  participant: ParticipantNameView | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) openedAt: string;
  @ApiProperty({ type: 'integer' }) caseStepCount: number;
  @ApiProperty({ type: LastStepView, nullable: true }) lastStep: LastStepView | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) lastContactAt: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'whole days since the last step that reached the person; null if none yet' })
  daysSinceLastContact: number | null;
  @ApiProperty({ type: NextStepView, nullable: true, description: 'what the latest step planned next; null once ended' })
  nextStep: NextStepView | null;
}

export class CaseloadPage {
  @ApiProperty({ type: [CaseloadItem] }) items: CaseloadItem[];
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer', description: 'the read model had applied the log at least up to here' }) position: number;
}
