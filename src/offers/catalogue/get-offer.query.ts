import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../http';
import { MinPositionQuery } from '../../read-models';

export class GetOfferQuery extends MinPositionQuery {
  @ApiPropertyOptional({ example: '2026-09-01', description: 'the day places, occupied and free are for (default: today)' })
  @IsOptional()
  @IsCalendarDate()
  openOn?: string;
}
