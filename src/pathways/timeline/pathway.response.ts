import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CaseStepKind } from '@lotse/domain';
import { PathwayFacts } from '../caseload/caseload.response';

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

export class PathwayView extends PathwayFacts {
  @ApiProperty({ nullable: true }) goal: string | null;
  @ApiProperty({ type: [CaseStepView], description: 'in the order the steps happened' }) caseSteps: CaseStepView[];
}
