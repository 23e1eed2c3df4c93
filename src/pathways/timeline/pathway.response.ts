import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CaseStepKind, Jurisdiction, Outcome, PathwayKind } from '@lotse/domain';

export class PlannedStepView {
  @ApiProperty({ example: 'goal_agreement' }) kind: CaseStepKind;
  @ApiProperty({ example: '2026-03-17' }) dueOn: string;
}

export class CaseStepView {
  @ApiProperty() stepId: string;
  @ApiProperty({ example: 'counselling' }) kind: CaseStepKind;
  @ApiProperty() occurredAt: string;
  @ApiPropertyOptional() durationMinutes?: number;
  @ApiProperty({ nullable: true, description: 'null when erased or not visible to the role' }) note: string | null;
  @ApiProperty() recordedBy: string;
  @ApiPropertyOptional({ type: PlannedStepView, description: 'the next step agreed at this one' }) next?: PlannedStepView;
  @ApiProperty() version: number;
}

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
  @ApiProperty() version: number;
}

export class PathwayView extends PathwayFacts {
  @ApiProperty({ nullable: true }) goal: string | null;
  @ApiProperty({ type: [CaseStepView], description: 'in the order the steps happened' }) caseSteps: CaseStepView[];
}
