import { ApiProperty } from '@nestjs/swagger';

/** What every write answers: the resource, the stream's version after the write, and where in the log to wait for it. */
export class WriteResult {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', example: 0, description: 'the stream version after the write (also the ETag)' }) version: number;
  @ApiProperty({ type: 'integer', example: 42, description: 'the global log position; pass it as minPosition to read your write' })
  position: number;
}
