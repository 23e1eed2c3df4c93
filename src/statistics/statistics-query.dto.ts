import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../http';
import { MinPositionQuery } from '../read-models';

/** `a,b,c` → ['a', 'b', 'c']; anything but a string is left for the validators to refuse. */
export const commaList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? (value === '' ? [] : value.split(',').map((part) => part.trim())) : value;

/** How the answer is written: JSON (default) or CSV, and the CSV's separators. */
export class StatisticsFormatQuery extends MinPositionQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: '`csv` answers text/csv (as does `Accept: text/csv`)' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({
    enum: ['comma', 'semicolon'],
    default: 'comma',
    description: 'CSV field separator; `semicolon` for Excel with German settings',
  })
  @IsOptional()
  @IsIn(['comma', 'semicolon'])
  delimiter?: 'comma' | 'semicolon';

  @ApiPropertyOptional({ enum: ['point', 'comma'], default: 'point', description: 'CSV decimal separator of rates and medians' })
  @IsOptional()
  @IsIn(['point', 'comma'])
  decimal?: 'point' | 'comma';
}

/** The municipality filter every statistics query takes. */
export class MunicipalityFilterQuery extends StatisticsFormatQuery {
  @ApiPropertyOptional({
    example: 'neuss',
    description: "one municipality; unset, all of them for an analyst or admin, the caller's own for a coordinator",
  })
  @IsOptional()
  @MaxLength(63)
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'municipality must be a slug like neuss or rhein-kreis-neuss' })
  municipality?: string;
}

/** A period of days, both ends included. */
export class PeriodQuery extends MunicipalityFilterQuery {
  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-01-01', description: 'first day of the period (included)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-12-31', description: 'last day of the period (included)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export { Transform };
