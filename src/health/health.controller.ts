import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { AuditLogHealthIndicator } from '../audit-log';
import { Public } from '../auth';
import { ProjectionsHealthIndicator } from '../read-models';
import { EventStoreHealthIndicator } from './event-store.health-indicator';

/**
 * 200 when the store answers, every projection follows the log (each one's lag shown) and the
 * background check of the audit log found nothing, 503 with the failing parts otherwise. Public: probes carry no token.
 */
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
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.eventStore.check('eventStore'),
      () => this.projections.check('projections'),
      () => this.auditLog.check('auditLog'),
    ]);
  }
}
