import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AuditedEvent {
  @ApiProperty() eventId: string;
  @ApiProperty({ example: 'CaseStepRecorded' }) type: string;
  @ApiProperty({ type: 'integer', example: 1 }) schemaVersion: number;
  @ApiProperty({ description: 'who caused it (token sub)' }) actor: string;
  @ApiProperty({ example: 'coach' }) role: string;
  @ApiProperty({ example: 'neuss', description: 'the tenant the command acted for' }) municipality: string;
  @ApiProperty({ description: 'the request id (X-Request-Id)' }) correlationId: string;
  @ApiProperty({ nullable: true, type: String, description: 'the Idempotency-Key, if any' }) causationId: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', description: 'when it happened, as the command said' }) occurredAt: string;
  @ApiProperty({ description: 'when the store accepted it' }) recordedAt: string;
  @ApiProperty({ type: 'integer', description: 'the 0-based place in its stream' }) version: number;
  @ApiProperty({ type: 'integer', description: 'the place in the whole log' }) position: number;
  @ApiProperty({ description: 'sha256(previous hash + canonical JSON of the event), hex' }) hash: string;
  @ApiProperty({ description: "the stream's previous event's hash; empty for the first" }) previousHash: string;
  @ApiProperty({
    type: Object,
    description:
      'the fact as stored; each sealed personal field is `{ "sealed": true }` (with `"erased": true` once the person\'s data is erased), or with unseal `{ "sealed": false, "value": … }`',
  })
  data: Record<string, unknown>;
}

export class EventHistory {
  @ApiProperty({ example: 'pathway-2b0d…' }) streamId: string;
  @ApiProperty({ example: 'neuss' }) municipality: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'whose data the stream holds; null for an offer' })
  participantId: string | null;
  @ApiProperty({ description: "whether the person's data has been erased: their sealed fields stay sealed for good" }) erased: boolean;
  @ApiProperty({ description: 'whether sealed fields were opened for this answer' }) unsealed: boolean;
  @ApiPropertyOptional({ type: [AuditedEvent] }) events: AuditedEvent[];
}
