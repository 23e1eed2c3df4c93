import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../../http';

export class ChangeOfferPlacesDto {
  @ApiProperty({ type: 'integer', example: 15, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  places: number;

  @ApiProperty({ type: 'string', format: 'date', example: '2026-10-01', description: 'the first day the new number holds' })
  @IsCalendarDate()
  changedOn: string;
}
