import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CaseStepKind, Jurisdiction, Outcome, PathwayKind } from '@lotse/domain';

export class CaseStepView {
  @ApiProperty() stepId: string;
  @ApiProperty({ example: 'counselling' }) kind: CaseStepKind;
  @ApiProperty() occurredAt: string;
  @ApiPropertyOptional() durationMinutes?: number;
  @ApiProperty({ nullable: true, description: 'null when erased or not visible to the role' }) note: string | null;
  @ApiProperty() recordedBy: string;
  @ApiProperty() version: number;
}

export class PathwayView {
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
  @ApiProperty({ nullable: true }) goal: string | null;
  @ApiPropertyOptional() outcome?: Outcome;
  @ApiPropertyOptional() endedOn?: string;
  @ApiProperty({ type: [CaseStepView] }) caseSteps: CaseStepView[];
  @ApiProperty() version: number;
}
