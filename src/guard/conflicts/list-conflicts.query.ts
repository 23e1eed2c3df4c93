import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { MinPositionQuery } from '../../read-models';

export class ListConflictsQuery extends MinPositionQuery {
  @ApiPropertyOptional({ example: 'neuss', description: "defaults to the caller's municipality; another one only for an admin" })
  @IsOptional()
  @MaxLength(63)
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'municipality must be a slug like neuss or rhein-kreis-neuss' })
  municipality?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100, description: 'people per page, each with all their open conflicts' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}
