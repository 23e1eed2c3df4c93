import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class ExportLogQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'global position of the first event to export; by default the start of the log',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  fromPosition?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'global position of the last event to export; by default the last one the latest checkpoint covers',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  toPosition?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'tree size of a checkpoint saved earlier: adds the consistency proof from it',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  consistencyFrom?: number;
}
