import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class TransferPathwayDto {
  @ApiProperty({ example: 'coach-2', description: 'the subject (sub) of the coach who takes over' })
  @IsString()
  @Length(1, 200)
  toCoachId: string;
}
