import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import { MayBeAbsent } from '../../http';

export class MergeParticipantsDto {
  @ApiProperty({ format: 'uuid', description: 'the registration to merge into this one; it then points here and takes no new pathway' })
  @IsUUID()
  duplicateId: string;

  @ApiPropertyOptional({
    minLength: 20,
    maxLength: 2000,
    example: 'Same person: the job centre confirmed the passport number of both registrations.',
    description: 'required (admin only) when the two registrations were never listed as a potential duplicate; stored encrypted',
  })
  @MayBeAbsent()
  @IsString()
  @Length(20, 2000)
  reason?: string;
}
