import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { Jurisdiction, JURISDICTIONS, PATHWAY_KINDS, PathwayKind, RESIDENCE_STATUSES, ResidenceStatus } from '@lotse/domain';
import { IsCalendarDate } from '../../http';
import { PageQuery } from '../../read-models';

/** Only the words `true` and `false`: class-transformer would turn any non-empty string into `true`. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListOffersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PATHWAY_KINDS })
  @IsOptional()
  @IsIn(PATHWAY_KINDS)
  kind?: PathwayKind;

  @ApiPropertyOptional({ enum: JURISDICTIONS })
  @IsOptional()
  @IsIn(JURISDICTIONS)
  jurisdiction?: Jurisdiction;

  @ApiPropertyOptional({ enum: RESIDENCE_STATUSES, description: 'offers open to it as of right or by a case-by-case decision' })
  @IsOptional()
  @IsIn(RESIDENCE_STATUSES)
  residenceStatus?: ResidenceStatus;

  @ApiPropertyOptional({ example: 'neuss', description: "defaults to the caller's municipality; another one only for an admin" })
  @IsOptional()
  @MaxLength(63)
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'municipality must be a slug like neuss or rhein-kreis-neuss' })
  municipality?: string;

  @ApiPropertyOptional({
    example: '2026-09-01',
    description: 'only offers running on that day; places, occupied and free are for it (default: today)',
  })
  @IsOptional()
  @IsCalendarDate()
  openOn?: string;

  @ApiPropertyOptional({ description: '`true`: only offers with a free place on openOn (or today)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  hasFreePlaces?: boolean;
}
