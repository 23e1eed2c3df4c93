import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STEP_KINDS, CaseStepKind, Jurisdiction, Outcome, PathwayKind } from '@lotse/domain';

/** What every view of a pathway shows: the caseload row and the full pathway alike. */
export class PathwayFacts {
  @ApiProperty() id: string;
  @ApiProperty() participantId: string;
  @ApiProperty({ example: 'coaching' }) kind: PathwayKind;
  @ApiProperty({ example: 'state' }) jurisdiction: Jurisdiction;
  @ApiProperty() provider: string;
  @ApiProperty() municipality: string;
  @ApiProperty() coachId: string;
  @ApiProperty({ enum: ['active', 'completed', 'aborted'] }) status: 'active' | 'completed' | 'aborted';
  @ApiProperty() plannedStart: string;
  @ApiProperty() plannedEnd: string;
  @ApiPropertyOptional() outcome?: Outcome;
  @ApiPropertyOptional() endedOn?: string;
  @ApiProperty({ nullable: true, description: 'the offer it holds a place in' }) offerId: string | null;
  @ApiProperty() version: number;
}

export class LastStepView {
  @ApiProperty({ enum: CASE_STEP_KINDS }) kind: CaseStepKind;
  @ApiProperty() occurredAt: string;
}

export class NextStepView {
  @ApiProperty({ enum: CASE_STEP_KINDS }) kind: CaseStepKind;
  @ApiProperty({ example: '2026-03-17' }) dueOn: string;
  @ApiProperty({ description: 'due before today' }) overdue: boolean;
}

export class ParticipantNameView {
  @ApiProperty({ example: 'Amira' }) givenName: string;
  @ApiProperty({ example: 'Haddad' }) familyName: string;
}

export class CaseloadItem extends PathwayFacts {
  @ApiProperty({ type: ParticipantNameView, nullable: true, description: 'for coach and admin; null for other roles and once erased' })
  participant: ParticipantNameView | null;
  @ApiProperty() openedAt: string;
  @ApiProperty() caseStepCount: number;
  @ApiProperty({ type: LastStepView, nullable: true }) lastStep: LastStepView | null;
  @ApiProperty({ nullable: true }) lastContactAt: string | null;
  @ApiProperty({ nullable: true, description: 'whole days since the last step that reached the person; null if none yet' })
  daysSinceLastContact: number | null;
  @ApiProperty({ type: NextStepView, nullable: true, description: 'what the latest step planned next; null once ended' })
  nextStep: NextStepView | null;
}

export class CaseloadPage {
  @ApiProperty({ type: [CaseloadItem] }) items: CaseloadItem[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
  @ApiProperty({ description: 'the read model had applied the log at least up to here' }) position: number;
}
