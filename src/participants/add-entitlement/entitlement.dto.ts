import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Jurisdiction, JURISDICTIONS } from '@lotse/domain';
import { IsCalendarDate, MayBeAbsent } from '../../http';

export class EntitlementDto {
  @ApiProperty({ enum: JURISDICTIONS, example: 'sgb2' })
  @IsIn(JURISDICTIONS)
  jurisdiction: Jurisdiction;

  @ApiProperty({ type: 'string', format: 'date', example: '2026-01-01', description: 'first day (YYYY-MM-DD)' })
  @IsCalendarDate()
  from: string;

  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2026-12-31', description: 'last day; open-ended when absent' })
  @MayBeAbsent()
  @IsCalendarDate()
  to?: string;
}
