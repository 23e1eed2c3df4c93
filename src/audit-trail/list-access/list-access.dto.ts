import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsIsoTimestamp } from '../../http';

export class ListAccessQuery {
  @ApiPropertyOptional({ type: 'string', format: 'uuid', description: "only reads of this person's data" })
  @IsOptional()
  @IsUUID()
  participantId?: string;

  @ApiPropertyOptional({ example: 'coach-1', description: 'only reads by this subject (token sub)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    example: '2026-01-01T00:00:00Z',
    description: 'only reads at or after this moment',
  })
  @IsOptional()
  @IsIsoTimestamp()
  from?: string;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    example: '2026-12-31T23:59:59Z',
    description: 'only reads at or before this moment',
  })
  @IsOptional()
  @IsIsoTimestamp()
  to?: string;

  @ApiPropertyOptional({ type: 'integer', example: 1, minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ type: 'integer', example: 50, minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
}
