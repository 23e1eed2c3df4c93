import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Jurisdiction, JURISDICTIONS, PATHWAY_KINDS, PathwayKind } from '@lotse/domain';
import { IsCalendarDate } from '../../http';

export class OpenPathwayDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  participantId: string;

  @ApiProperty({ enum: PATHWAY_KINDS, example: 'language_support' })
  @IsIn(PATHWAY_KINDS)
  kind: PathwayKind;

  @ApiProperty({ enum: JURISDICTIONS, example: 'state', description: 'who pays for it' })
  @IsIn(JURISDICTIONS)
  jurisdiction: Jurisdiction;

  @ApiProperty({ example: 'Caritas Neuss' })
  @IsString()
  @Length(1, 200)
  provider: string;

  @ApiProperty({ example: 'B1 certificate and a training place in care', description: 'free text, stored encrypted' })
  @IsString()
  @Length(1, 2000)
  goal: string;

  @ApiProperty({ type: 'string', format: 'date', example: '2026-03-01' })
  @IsCalendarDate()
  plannedStart: string;

  @ApiProperty({ type: 'string', format: 'date', example: '2026-08-31' })
  @IsCalendarDate()
  plannedEnd: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'an offer to take a place in: open on plannedStart, of the same kind and jurisdiction, ' +
      "open to the participant's residence status, with a free place",
  })
  @IsOptional()
  @IsUUID()
  offerId?: string;
}
