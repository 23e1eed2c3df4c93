import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsLogPositionOrTimestamp } from '../../http/date-validators';

/** The shortest reason an auditor must give for opening sealed fields: a word or two explains nothing. */
export const MIN_UNSEAL_REASON = 20;

export class EventHistoryQuery {
  @ApiPropertyOptional({ type: 'integer', example: 0, minimum: 0, description: 'the first stream version to list (inclusive)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  fromVersion?: number;

  @ApiPropertyOptional({
    example: '2026-03-01T00:00:00Z',
    description: 'only events up to this moment: an ISO time (by recordedAt) or a log position (inclusive)',
  })
  @IsOptional()
  @IsString()
  @IsLogPositionOrTimestamp()
  until?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: `show sealed personal fields in clear; needs \`reason\` (at least ${MIN_UNSEAL_REASON} characters) and the Lotse-Purpose header, and is itself recorded in the access log`,
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  unseal?: 'true' | 'false';

  @ApiPropertyOptional({ description: `why the sealed fields must be read, at least ${MIN_UNSEAL_REASON} characters (with unseal=true)` })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
