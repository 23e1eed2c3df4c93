import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsCalendarDate } from '../../http';

export class RecordCaseConferenceDto {
  @ApiProperty({ type: 'string', format: 'date', example: '2026-03-02' })
  @IsCalendarDate()
  heldOn: string;

  @ApiProperty({ example: 'Agreed with the job centre and the youth welfare office: one more language course, with a mentor.' })
  @IsString()
  @Length(1, 5000)
  decision: string;
}
