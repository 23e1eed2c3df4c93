import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class InclusionProofQuery {
  @ApiProperty({ format: 'uuid', description: 'the event to prove' })
  @IsUUID()
  eventId: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: "the tree to prove it in; by default the latest checkpoint's" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  treeSize?: number;
}

export class ConsistencyProofQuery {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'the smaller tree size (e.g. of a checkpoint saved earlier)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  from: number;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'the larger tree size' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  to: number;
}
