import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class MergeParticipantsDto {
  @ApiProperty({ format: 'uuid', description: 'the registration to merge into this one; it then points here and takes no new pathway' })
  @IsUUID()
  duplicateId: string;
}
