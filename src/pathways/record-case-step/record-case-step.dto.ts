import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CASE_STEP_KINDS, CaseStepKind } from '@lotse/domain';
import { IsCalendarDate, IsIsoTimestamp, MayBeAbsent } from '../../http';

export class PlannedStepDto {
  @ApiProperty({ enum: CASE_STEP_KINDS, example: 'goal_agreement' })
  @IsIn(CASE_STEP_KINDS)
  kind: CaseStepKind;

  @ApiProperty({ type: 'string', format: 'date', example: '2026-03-17', description: 'the day it is due; not before this step' })
  @IsCalendarDate()
  dueOn: string;
}

export class RecordCaseStepDto {
  @ApiProperty({ enum: CASE_STEP_KINDS, example: 'counselling' })
  @IsIn(CASE_STEP_KINDS)
  kind: CaseStepKind;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    example: '2026-03-10T09:30:00+01:00',
    description: 'when it happened (ISO 8601 with zone); not in the future',
  })
  @IsIsoTimestamp()
  occurredAt: string;

  @ApiPropertyOptional({ example: 'Talked about the B1 exam date.', description: 'free text up to 10,000 characters, stored encrypted' })
  @MayBeAbsent()
  @IsString()
  @MaxLength(10_000)
  note?: string;

  @ApiPropertyOptional({ type: 'integer', example: 45 })
  @MayBeAbsent()
  @IsInt()
  @Min(0)
  @Max(24 * 60)
  durationMinutes?: number;

  @ApiPropertyOptional({ type: PlannedStepDto, description: 'the next step agreed: the caseload shows it as due' })
  @MayBeAbsent()
  @IsObject()
  @ValidateNested()
  @Type(() => PlannedStepDto)
  next?: PlannedStepDto;
}
