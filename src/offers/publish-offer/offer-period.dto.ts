import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';
import { IsCalendarDate } from '../../http';

/** `to` on or after `from`: the request is malformed otherwise, so it is a 400 like any other bad field. */
const NotBeforeFrom = (): PropertyDecorator =>
  ValidateBy({
    name: 'notBeforeFrom',
    validator: {
      validate: (to, args) => {
        const from = (args?.object as OfferPeriodDto | undefined)?.from;
        return typeof to !== 'string' || typeof from !== 'string' || to >= from;
      },
      defaultMessage: () => 'to must not be before from',
    },
  });

export class OfferPeriodDto {
  @ApiProperty({ type: 'string', format: 'date', example: '2026-09-01', description: 'first day' })
  @IsCalendarDate()
  from: string;

  @ApiPropertyOptional({ type: 'string', format: 'date', example: '2027-06-30', description: 'last day; open-ended when absent' })
  @IsOptional()
  @IsCalendarDate()
  @NotBeforeFrom()
  to?: string;
}
