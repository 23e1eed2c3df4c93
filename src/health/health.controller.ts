import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../auth';
import { EventStoreHealthIndicator } from './event-store.health-indicator';

/** 200 when every dependency is up, 503 with the failing ones otherwise. Public: probes carry no token. */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly eventStore: EventStoreHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.eventStore.check('eventStore')]);
  }
}
