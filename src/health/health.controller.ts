import { Controller, Get } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { AuditLogHealthIndicator } from '../audit-log';
import { Public } from '../auth';
import { ApiOperationFor, PROBLEM_CONTENT_TYPE } from '../http';
import { ProjectionsHealthIndicator } from '../read-models';
import { EventStoreHealthIndicator } from './event-store.health-indicator';
import { HealthProblemView, HealthReportView, ProjectionHealthView } from './health.response';

/**
 * 200 when the store answers, every projection follows the log (each one's lag shown) and the
 * background check of the audit log found nothing, 503 with the failing parts otherwise. Public: probes carry no token.
 */
@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly projections: ProjectionsHealthIndicator,
    private readonly auditLog: AuditLogHealthIndicator,
  ) {}

  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiExtraModels(ProjectionHealthView, HealthProblemView)
  @ApiOperationFor({
    summary: 'Check health',
    description: 'Whether the event store answers and every projection follows the log, with each projection’s lag. For probes.',
    answers: { status: 200, type: HealthReportView, description: 'Healthy' },
  })
  // Terminus's own refusal: a problem that keeps the report's members (a route's own 503 replaces the shared one).
  @ApiResponse({
    status: 503,
    description: 'A dependency is down; `error` names it. `code`: `service_unavailable`.',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(HealthProblemView) } } },
  })
  check() {
    return this.health.check([
      () => this.eventStore.check('eventStore'),
      () => this.projections.check('projections'),
      () => this.auditLog.check('auditLog'),
    ]);
  }
}
