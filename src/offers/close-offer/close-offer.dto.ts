import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsCalendarDate } from '../../http';

export class CloseOfferDto {
  @ApiProperty({
    type: 'string',
    format: 'date',
    example: '2026-12-01',
    description: 'the first day the offer no longer runs; pathways starting before keep their places',
  })
  @IsCalendarDate()
  closedOn: string;

  @ApiProperty({ example: 'Funding by the state programme ended.', description: "a public text, like the offer's own" })
  @IsString()
  @Length(1, 2000)
  reason: string;
}
