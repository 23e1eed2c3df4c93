import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { GOAL_REACHED_OUTCOMES, Outcome, OUTCOMES } from '@lotse/domain';
import { IsCalendarDate } from '../../http';

export class CompletePathwayDto {
  @ApiProperty({ enum: GOAL_REACHED_OUTCOMES, example: 'training_place' })
  @IsIn(OUTCOMES)
  outcome: Outcome;

  @ApiProperty({ type: 'string', format: 'date', example: '2026-07-31' })
  @IsCalendarDate()
  endedOn: string;
}
