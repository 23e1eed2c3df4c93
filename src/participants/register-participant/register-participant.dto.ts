import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { RESIDENCE_STATUSES, ResidenceStatus } from '@lotse/domain';
import { IsBirthDate, MayBeAbsent } from '../../http';
import { EntitlementDto } from '../add-entitlement/entitlement.dto';

export class RegisterParticipantDto {
  @ApiProperty({ example: 'Amira' })
  @IsString()
  @Length(1, 200)
  givenName: string;

  @ApiProperty({ example: 'Haddad' })
  @IsString()
  @Length(1, 200)
  familyName: string;

  @ApiProperty({
    type: 'string',
    format: 'date',
    example: '2004-05-17',
    description: 'the person is at least 14 and at most 100 years old at registration',
  })
  @IsBirthDate()
  birthDate: string;

  @ApiProperty({ example: 'neuss', description: 'municipality slug; a coach registers only in her own' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/)
  municipality: string;

  @ApiProperty({ enum: RESIDENCE_STATUSES, example: 'gestattung' })
  @IsIn(RESIDENCE_STATUSES)
  residenceStatus: ResidenceStatus;

  @ApiPropertyOptional({ type: [EntitlementDto] })
  @MayBeAbsent()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => EntitlementDto)
  entitlements?: EntitlementDto[];
}
