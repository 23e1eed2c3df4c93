import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STEP_KINDS, CaseStepKind } from '@lotse/domain';
import { PathwayFacts } from '../caseload/caseload.response';

export class PlannedStepView {
  @ApiProperty({ enum: CASE_STEP_KINDS, example: 'goal_agreement' }) kind: CaseStepKind;
  @ApiProperty({ type: 'string', format: 'date', example: '2026-03-17' }) dueOn: string;
}

export class CaseStepView {
  @ApiProperty({ type: 'string', format: 'uuid' }) stepId: string;
  @ApiProperty({ enum: CASE_STEP_KINDS, example: 'counselling' }) kind: CaseStepKind;
  @ApiProperty({ type: 'string', format: 'date-time' }) occurredAt: string;
  @ApiPropertyOptional({ type: 'integer' }) durationMinutes?: number;
  @ApiProperty({ type: 'string', nullable: true, description: 'null when erased or not visible to the role' }) note: string | null;
  @ApiProperty() recordedBy: string;
  @ApiPropertyOptional({ type: PlannedStepView, description: 'the next step agreed at this one' }) next?: PlannedStepView;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class PathwayView extends PathwayFacts {
  @ApiProperty({ type: 'string', nullable: true }) goal: string | null;
  @ApiProperty({ type: [CaseStepView], description: 'in the order the steps happened' }) caseSteps: CaseStepView[];
}
