import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ISO_639_1_CODES,
  Jurisdiction,
  JURISDICTIONS,
  LanguageCode,
  PATHWAY_KINDS,
  PathwayKind,
  RESIDENCE_STATUSES,
  ResidenceStatus,
} from '@lotse/domain';
import { OfferPeriodDto } from './offer-period.dto';

export class PublishOfferDto {
  @ApiProperty({ example: 'Berufssprachkurs B1 mit Praktikum', description: "the provider's public title" })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ example: 'VHS Neuss' })
  @IsString()
  @Length(1, 200)
  provider: string;

  @ApiProperty({ enum: PATHWAY_KINDS, example: 'language_support', description: 'the kind of pathway that takes its places' })
  @IsIn(PATHWAY_KINDS)
  kind: PathwayKind;

  @ApiProperty({ enum: JURISDICTIONS, example: 'state', description: 'who pays for it' })
  @IsIn(JURISDICTIONS)
  jurisdiction: Jurisdiction;

  @ApiProperty({ example: 'neuss', description: 'municipality slug; a coordinator publishes only in her own' })
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'municipality must be a slug like neuss or rhein-kreis-neuss' })
  @Length(1, 63)
  municipality: string;

  @ApiProperty({ type: 'integer', example: 12, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  places: number;

  @ApiProperty({
    enum: RESIDENCE_STATUSES,
    isArray: true,
    example: ['aufenthaltserlaubnis', 'niederlassungserlaubnis', 'eu_citizen', 'german'],
    description: 'who may join as of right',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(RESIDENCE_STATUSES, { each: true })
  openTo: ResidenceStatus[];

  @ApiPropertyOptional({
    enum: RESIDENCE_STATUSES,
    isArray: true,
    example: ['duldung'],
    description: "who may join by a case-by-case decision (Möglichkeiten der Öffnung): with a coordinator's override of not_eligible",
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(RESIDENCE_STATUSES, { each: true })
  openingPossible?: ResidenceStatus[];

  @ApiProperty({ type: OfferPeriodDto })
  // An array of periods would pass ValidateNested element by element: one object, or a 400.
  @IsObject()
  @ValidateNested()
  @Type(() => OfferPeriodDto)
  period: OfferPeriodDto;

  @ApiPropertyOptional({ example: ['de', 'ar'], description: 'ISO 639-1 codes of the languages it is taught in' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsIn(ISO_639_1_CODES, { each: true, message: 'each value in languages must be an ISO 639-1 code such as de or ar' })
  languages?: LanguageCode[];

  @ApiPropertyOptional({ example: 'Mornings, with childcare. Ends with the telc B1 exam.', description: "the provider's public text" })
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  description?: string;
}
