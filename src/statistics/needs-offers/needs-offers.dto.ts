import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayContains, ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import { NEEDS_OFFERS_DIMENSIONS, NeedsOffersDimension } from '@lotse/domain';
import { IsCalendarDate } from '../../http';
import { commaList, MunicipalityFilterQuery } from '../statistics-query.dto';

export class NeedsOffersQuery extends MunicipalityFilterQuery {
  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-09-01', description: 'the day looked at (default: today)' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;

  @ApiPropertyOptional({
    type: String,
    example: 'kind,residenceStatus',
    description: '`kind,residenceStatus` (default), optionally with `municipality`',
  })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayUnique()
  @ArrayContains(['kind', 'residenceStatus'], { message: 'groupBy must contain kind and residenceStatus' })
  @IsIn(NEEDS_OFFERS_DIMENSIONS, { each: true, message: `groupBy may name only ${NEEDS_OFFERS_DIMENSIONS.join(', ')}` })
  groupBy?: NeedsOffersDimension[];
}
