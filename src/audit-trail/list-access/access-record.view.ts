import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AccessAction, AccessRecord } from '../access-log/access-entry';

export class AccessRecordView implements AccessRecord {
  @ApiProperty({ type: 'integer', description: 'the place in the access log' }) seq: number;
  @ApiProperty() at: string;
  @ApiProperty({ description: 'who read (token sub)' }) sub: string;
  @ApiProperty({ type: [String] }) roles: string[];
  @ApiProperty({ description: "the reader's municipality" }) municipality: string;
  @ApiProperty({ example: 'GET /participants/:id' }) route: string;
  @ApiProperty({ type: [String], description: 'whose data the answer contained' }) participantIds: string[];
  @ApiProperty({ type: [String], description: 'where that data belongs' }) municipalities: string[];
  @ApiPropertyOptional({ description: 'the Lotse-Purpose header' }) purpose?: string;
  @ApiProperty({ enum: ['read', 'unseal', 'export', 'purge'] }) action: AccessAction;
  @ApiPropertyOptional({ type: Object, description: "an unsealing's reason and stream, a purge's cut-off and count" })
  detail?: Record<string, unknown>;
  @ApiProperty({ description: "the previous entry's hash" }) previousHash: string;
  @ApiProperty({ description: 'sha256(previousHash + canonical JSON of the entry), hex' }) hash: string;
}

export class AccessPage {
  @ApiProperty({ type: [AccessRecordView], description: 'newest first' }) items: AccessRecordView[];
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({ type: 'integer' }) total: number;
}
