import { ApiProperty } from '@nestjs/swagger';

/** One kind of reader: a role of a municipality (the body), and what it read of the person. */
export class AccessReportReader {
  @ApiProperty({ example: 'neuss' }) municipality: string;
  @ApiProperty({ example: 'coach' }) role: string;
  @ApiProperty({ type: 'integer', description: 'how many different people (token subjects) of that body read the data' }) readers: number;
  @ApiProperty({ type: 'integer' }) reads: number;
  @ApiProperty() firstAt: string;
  @ApiProperty() lastAt: string;
  @ApiProperty({ type: [String], example: ['GET /participants/:id'] }) routes: string[];
  @ApiProperty({ type: [String], description: 'the purposes stated' }) purposes: string[];
}

export class AccessReport {
  @ApiProperty({ type: 'string', format: 'uuid' }) participantId: string;
  @ApiProperty({ type: 'integer', description: 'reads on record (the log keeps ACCESS_LOG_RETENTION_DAYS)' }) reads: number;
  @ApiProperty({ type: [AccessReportReader] }) bodies: AccessReportReader[];
}
