import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { GOAL_REACHED_OUTCOMES, Outcome, OUTCOMES } from '@lotse/domain';
import { IsCalendarDate } from '../../http';

export class CompletePathwayDto {
  @ApiProperty({ enum: GOAL_REACHED_OUTCOMES, example: 'training_place' })
  @IsIn(OUTCOMES)
  outcome: Outcome;

  @ApiProperty({ example: '2026-07-31' })
  @IsCalendarDate()
  endedOn: string;
}

export class AbortPathwayDto extends CompletePathwayDto {
  @ApiProperty({ example: 'Moved to another city.', description: 'free text, stored encrypted' })
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class TransferPathwayDto {
  @ApiProperty({ example: 'coach-2', description: 'the subject (sub) of the coach who takes over' })
  @IsString()
  @Length(1, 200)
  toCoachId: string;
}
