import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CareerView } from '../../guard';

export class GuardDecisionView {
  @ApiProperty({ type: 'integer', description: 'the log position of the decision' }) position: number;
  @ApiProperty({ description: 'enrolment-<id> for an allowed decision, guard-decisions-<id> for a refusal' }) streamId: string;
  @ApiProperty() recordedAt: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) decidedAt: string;
  @ApiProperty({ description: 'who asked for the opening' }) actor: string;
  @ApiProperty() role: string;
  @ApiProperty({ type: 'string', format: 'uuid' }) pathwayId: string;
  @ApiProperty() kind: string;
  @ApiProperty() jurisdiction: string;
  @ApiProperty({ type: 'string', format: 'date' }) plannedStart: string;
  @ApiProperty({ type: 'string', format: 'date' }) plannedEnd: string;
  @ApiProperty() allowed: boolean;
  @ApiPropertyOptional({ example: 'R1', description: 'the first rule that failed (refusals)' }) rule?: string;
  @ApiPropertyOptional({ example: 'duplicate_pathway' }) code?: string;
  @ApiPropertyOptional({ type: Object, description: "the refusal's conflicting period, pathway and age range, as recorded" })
  refusal?: Record<string, unknown>;
  @ApiProperty({ type: [Object], description: 'what let an allowed opening through despite a rule' }) flags: unknown[];
  @ApiProperty({ example: 'nrw-2026.2' }) eligibilityVersion: string;
  @ApiProperty({ type: 'integer', description: 'the enrolment ledger version the decision rests on' }) ledgerVersion: number;
  @ApiProperty({
    type: CareerView,
    description: 'the career as the guard saw it: the ledger up to ledgerVersion, on the day of the decision',
  })
  career: CareerView;
}

export class GuardDecisions {
  @ApiProperty({ type: 'string', format: 'uuid' }) participantId: string;
  @ApiProperty({ type: [GuardDecisionView], description: 'in log order' }) decisions: GuardDecisionView[];
}
