import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { ABORT_OUTCOMES, Outcome, OUTCOMES } from '@lotse/domain';
import { IsCalendarDate } from '../../http';

/**
 * An end without the goal, and the reason in the coach's words. Any outcome passes validation, as
 * for a completion, so that one which does not fit an abort is refused with the domain's reason
 * (422 outcome_not_an_abort) rather than a bare enum error.
 */
export class AbortPathwayDto {
  @ApiProperty({ enum: ABORT_OUTCOMES, example: 'dropped_out' })
  @IsIn(OUTCOMES)
  outcome: Outcome;

  @ApiProperty({ type: 'string', format: 'date', example: '2026-07-31' })
  @IsCalendarDate()
  endedOn: string;

  @ApiProperty({ example: 'Moved to another city.', description: 'free text, stored encrypted' })
  @IsString()
  @Length(1, 2000)
  reason: string;
}
