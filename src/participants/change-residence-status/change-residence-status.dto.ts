import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { RESIDENCE_STATUSES, ResidenceStatus } from '@lotse/domain';
import { IsCalendarDate } from '../../http';

export class ChangeResidenceStatusDto {
  @ApiProperty({ enum: RESIDENCE_STATUSES, example: 'aufenthaltserlaubnis' })
  @IsIn(RESIDENCE_STATUSES)
  residenceStatus: ResidenceStatus;

  @ApiProperty({ type: 'string', format: 'date', example: '2026-03-01' })
  @IsCalendarDate()
  changedOn: string;
}
