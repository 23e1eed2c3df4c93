import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PATHWAY_KINDS, PathwayKind } from '@lotse/domain';
import { PageQuery } from '../../read-models';

/** Sort keys of the caseload; `-` in front sorts descending. */
export const CASELOAD_SORTS = [
  'lastContact',
  '-lastContact',
  'nextDue',
  '-nextDue',
  'plannedEnd',
  '-plannedEnd',
  'openedAt',
  '-openedAt',
] as const;
export type CaseloadSort = (typeof CASELOAD_SORTS)[number];

export const PATHWAY_STATUSES = ['active', 'completed', 'aborted'] as const;

export class ListPathwaysQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'me', description: "`me` for the caller's own caseload, or a coach's id" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  coach?: string;

  @ApiPropertyOptional({ enum: PATHWAY_STATUSES })
  @IsOptional()
  @IsIn(PATHWAY_STATUSES)
  status?: (typeof PATHWAY_STATUSES)[number];

  @ApiPropertyOptional({ enum: PATHWAY_KINDS })
  @IsOptional()
  @IsIn(PATHWAY_KINDS)
  kind?: PathwayKind;

  @ApiPropertyOptional({ example: 'neuss', description: "defaults to the caller's municipality; another one only for an admin" })
  @IsOptional()
  @MaxLength(63)
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'municipality must be a slug like neuss or rhein-kreis-neuss' })
  municipality?: string;

  @ApiPropertyOptional({
    enum: CASELOAD_SORTS,
    default: 'lastContact',
    description: '`lastContact`: longest without contact first (never contacted at the top); `nextDue`: earliest due first',
  })
  @IsOptional()
  @IsIn(CASELOAD_SORTS)
  sort?: CaseloadSort;
}
