import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional } from 'class-validator';
import { STATISTICS_TYPES, StatisticsType } from '@lotse/domain';

export class StoreReportDto {
  @ApiProperty({ enum: STATISTICS_TYPES, example: 'pathways' })
  @IsIn(STATISTICS_TYPES)
  type!: StatisticsType;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { measure: 'started', groupBy: 'kind', from: '2026-01-01', to: '2026-12-31' },
    description: 'the query parameters of GET /statistics/<type> (groupBy as a comma-separated string or an array); defaults as there',
  })
  @IsOptional()
  @IsObject()
  parameters?: Record<string, unknown>;
}
