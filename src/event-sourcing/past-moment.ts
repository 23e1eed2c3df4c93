import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DomainError } from '@lotse/domain';
import { IsIsoTimestamp } from '../http/date-validators';

/**
 * `?asOf=<ISO time>` or `?atPosition=<n>`: read a resource as it was at that moment of the log, by replaying its
 * streams up to there with the same folds the live answer uses. `asOf` counts by the server's `recordedAt`, not by
 * what a command said happened, because that is the order in which the log learned of it.
 */
export class PastMomentQuery {
  @ApiPropertyOptional({
    example: '2026-03-01T00:00:00Z',
    description: 'the state as it was at this moment (by the time the server recorded each event); not together with atPosition',
  })
  @IsOptional()
  @IsIsoTimestamp()
  asOf?: string;

  @ApiPropertyOptional({
    example: 42,
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'the state as it was once the log held this position (inclusive); not together with asOf',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  atPosition?: number;
}

/** The `until` of `readStream` the query names, or undefined for now; both at once is a 400. */
export const pastMoment = (query: PastMomentQuery): number | string | undefined => {
  if (query.asOf !== undefined && query.atPosition !== undefined) {
    const message = 'give either asOf or atPosition, not both';
    throw new DomainError('validation_failed', message, {
      errors: [
        { field: 'asOf', message },
        { field: 'atPosition', message },
      ],
    });
  }
  return query.atPosition ?? query.asOf;
};
