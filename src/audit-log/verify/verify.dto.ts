import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, MaxLength } from 'class-validator';

export class VerifyQuery {
  @ApiPropertyOptional({ example: 'participant-0b8f…', description: 'one stream; without it the whole log' })
  @IsOptional()
  @MaxLength(200)
  @Matches(/^[a-z][a-z-]*-[0-9a-f-]{36}$/, { message: 'stream must be a stream id like participant-<uuid>' })
  stream?: string;
}
