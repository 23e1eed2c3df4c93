import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/*
 * What the admin routes answer, for the OpenAPI document: the runner's status and the rebuilds
 * (ProjectionRebuilds) are plain objects; these classes say their shape.
 */

export class RebuildProgressView {
  @ApiProperty() projection: string;
  @ApiProperty({ type: 'integer', description: 'events read so far' }) done: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the log’s length; null when the store cannot count it' })
  total: number | null;
  @ApiProperty({ type: 'number' }) eventsPerSecond: number;
  @ApiPropertyOptional({ type: 'number', description: 'seconds left at the current speed; absent when unknown' }) etaSeconds?: number;
}

export class RebuildStateView {
  @ApiProperty({ example: 'caseload' }) projection: string;
  @ApiProperty({ enum: ['rebuilding', 'done', 'failed'] }) state: 'rebuilding' | 'done' | 'failed';
  @ApiProperty({ type: 'string', format: 'date-time' }) startedAt: string;
  @ApiPropertyOptional({ type: RebuildProgressView }) progress?: RebuildProgressView;
  @ApiPropertyOptional({ type: 'string', format: 'date-time' }) finishedAt?: string;
  @ApiPropertyOptional({ description: 'why it failed' }) error?: string;
}

export class ProjectionFailureView {
  @ApiProperty() message: string;
  @ApiProperty({ type: 'integer', description: 'the log position of the event it failed on' }) position: number;
}

export class ProjectionStatusView {
  @ApiProperty({ example: 'caseload' }) name: string;
  @ApiProperty({ type: 'integer', description: 'the log position it has applied' }) position: number;
  @ApiProperty({ enum: ['running', 'failed', 'waiting', 'rebuilding'] }) state: 'running' | 'failed' | 'waiting' | 'rebuilding';
  @ApiPropertyOptional({ type: ProjectionFailureView }) error?: ProjectionFailureView;
  @ApiPropertyOptional({ type: RebuildStateView, description: 'the last rebuild started here, with its progress' })
  rebuild?: RebuildStateView;
}

export class ProjectionsView {
  @ApiProperty({ type: [ProjectionStatusView] }) projections: ProjectionStatusView[];
}
