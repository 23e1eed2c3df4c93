import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class CheckpointQuery {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'the tree size of a checkpoint that was signed' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  treeSize: number;
}
