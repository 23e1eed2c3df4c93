import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Length } from 'class-validator';
import { PATHWAY_KINDS, PathwayKind } from '@lotse/domain';
import { IsCalendarDate, MayBeAbsent } from '../../http';

/** `duplicate_pathway` is accepted here only so that refusing it says why (422 not_overridable). */
export const OVERRIDE_RULES = ['subsidiarity', 'career_risk', 'not_eligible', 'duplicate_pathway'] as const;

export class GrantOverrideDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  participantId: string;

  @ApiProperty({
    enum: OVERRIDE_RULES,
    example: 'subsidiarity',
    description: 'the refusal code to lift; duplicate_pathway cannot be lifted',
  })
  @IsIn(OVERRIDE_RULES)
  rule: (typeof OVERRIDE_RULES)[number];

  @ApiPropertyOptional({ enum: PATHWAY_KINDS, description: 'limit the override to one pathway kind' })
  @MayBeAbsent()
  @IsIn(PATHWAY_KINDS)
  kind?: PathwayKind;

  @ApiProperty({ example: 'The job centre confirmed in writing that it will not fund a language course before March.', minLength: 20 })
  @IsString()
  @Length(20, 2000)
  reason: string;

  @ApiProperty({ type: 'string', format: 'date', example: '2026-12-31' })
  @IsCalendarDate()
  validUntil: string;
}
