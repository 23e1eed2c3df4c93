import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../read-models';

export class ListConflictsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'neuss', description: "defaults to the caller's municipality; another one only for an admin" })
  @IsOptional()
  @MaxLength(63)
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'municipality must be a slug like neuss or rhein-kreis-neuss' })
  municipality?: string;
}
