import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../http';

export class EndEntitlementDto {
  @ApiProperty({ type: 'string', format: 'date', example: '2026-05-31', description: 'last day of the entitlement' })
  @IsCalendarDate()
  to: string;
}
