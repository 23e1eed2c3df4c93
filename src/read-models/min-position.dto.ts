import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

/** `?minPosition=`: the `position` of a write's answer; the read waits (at most 2 s) until its read model has it. */
export class MinPositionQuery {
  @ApiPropertyOptional({ example: 42, description: 'wait until the read model has applied this log position (from a write\'s answer); 503 with Retry-After after 2 s' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minPosition?: number;
}
