import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import { GERMAN_LEVELS, GermanLevel, Need, NEEDS, SCHOOL_CERTIFICATES, SchoolCertificate } from '@lotse/domain';
import { IsCalendarDate } from '../../http';

export class AssessNeedsDto {
  @ApiProperty({ type: 'string', format: 'date', example: '2026-03-01', description: 'the day of the assessment; not in the future' })
  @IsCalendarDate()
  assessedOn: string;

  @ApiProperty({
    enum: NEEDS,
    isArray: true,
    example: ['language_support', 'housing'],
    description: 'what the person needs, each once; an empty list records that nothing is needed',
  })
  @IsArray()
  @ArrayMaxSize(NEEDS.length)
  @ArrayUnique()
  @IsIn(NEEDS, { each: true })
  needs: Need[];

  @ApiPropertyOptional({ enum: GERMAN_LEVELS, example: 'a2', description: 'German by CEFR level, `none` below A1' })
  @IsOptional()
  @IsIn(GERMAN_LEVELS)
  germanLevel?: GermanLevel;

  @ApiPropertyOptional({ enum: SCHOOL_CERTIFICATES, example: 'foreign_not_recognised', description: 'the highest school certificate' })
  @IsOptional()
  @IsIn(SCHOOL_CERTIFICATES)
  schoolCertificate?: SchoolCertificate;
}
