import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?minPosition=`: the `position` of a write's answer; the read waits (at most 2 s) until its read model has it. */
export class MinPositionQuery {
  @ApiPropertyOptional({
    example: 42,
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    description: "wait until the read model has applied this log position (from a write's answer); 503 with Retry-After after 2 s",
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  // Positions travel as JavaScript numbers: past 2^53−1 they are no longer exact, and past 2^63−1 PostgreSQL's bigint refuses them.
  @Max(Number.MAX_SAFE_INTEGER)
  minPosition?: number;
}
