import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../auth';
import { ProjectionsHealthIndicator } from '../read-models';
import { EventStoreHealthIndicator } from './event-store.health-indicator';

/**
 * 200 when the store answers and every projection follows the log (each one's lag shown), 503
 * with the failing parts otherwise. Public: probes carry no token.
 */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly projections: ProjectionsHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.eventStore.check('eventStore'), () => this.projections.check('projections')]);
  }
}
