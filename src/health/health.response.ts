import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import { ProblemSchema } from '../http';

/* For the OpenAPI document: what Terminus answers for /health, shaped by our two indicators. */

@ApiSchema({ name: 'ProjectionHealth', description: 'One projection: how far it has applied the log and how far behind it is.' })
export class ProjectionHealthView {
  @ApiProperty({ enum: ['running', 'failed', 'waiting', 'rebuilding'] }) state: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'events it has yet to apply; null when the store cannot count' })
  behindEvents: number | null;
  @ApiPropertyOptional({ description: 'why it stopped' }) error?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'the log position it stopped at' }) failedAt?: number;
}

/**
 * One dependency: `eventStore` names its engine (and why it is down); `auditLog` the background
 * verification; `projections` holds, besides `status` (and `failed`), one ProjectionHealth per
 * projection, under the projection's name.
 */
const indicators: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    required: ['status'],
    properties: {
      status: { type: 'string', enum: ['up', 'down'] },
      engine: { type: 'string', example: 'postgres' },
      message: { type: 'string' },
      failed: { type: 'array', items: { type: 'string' }, description: 'the projections that stopped' },
      enabled: { type: 'boolean', description: 'auditLog: false when the log is not verified in the background' },
      lastCheck: { type: 'string', format: 'date-time', nullable: true, description: 'auditLog: when the log was last verified' },
      checkedEvents: { type: 'integer', description: 'auditLog: events the last verification checked' },
      failure: { type: 'object', description: 'auditLog: the first failure the last verification found' },
    },
    additionalProperties: { $ref: getSchemaPath(ProjectionHealthView) },
  },
};

/** Keyed by dependency, then (for projections) by projection. */
type Indicators = Record<string, Record<string, unknown>>;

@ApiSchema({ name: 'HealthReport', description: 'Each dependency, under `info` when up and `error` when down; `details` holds all.' })
export class HealthReportView {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty(indicators) info: Indicators;
  @ApiProperty(indicators) error: Indicators;
  @ApiProperty(indicators) details: Indicators;
}

@ApiSchema({ name: 'HealthProblem', description: 'A failing check: a problem with the same `info`, `error` and `details` as the report.' })
export class HealthProblemView extends ProblemSchema {
  @ApiProperty(indicators) info: Indicators;
  @ApiProperty(indicators) error: Indicators;
  @ApiProperty(indicators) details: Indicators;
}
