import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ReadModelBackend } from './open-read-models';
import { READ_MODEL_BACKEND, PROJECTIONS_VIEW } from './read-models.tokens';
import type { ProjectionsView } from './projections-view';

/**
 * Down when a projection has stopped on an event it cannot apply: its read model no longer
 * follows the log until the code is fixed. Shows each projection's lag either way.
 */
@Injectable()
export class ProjectionsHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(PROJECTIONS_VIEW) private readonly runner: ProjectionsView,
    @Inject(READ_MODEL_BACKEND) private readonly backend: ReadModelBackend,
  ) {}

  async check<const Key extends string>(key: Key) {
    const indicator = this.health.check(key);
    const statuses = this.runner.status();
    const details: Record<string, unknown> = {};
    for (const s of statuses) {
      const behind = await this.backend.logOrder.behind(s.position).catch(() => Number.NaN);
      details[s.name] = {
        state: s.state,
        position: s.position,
        behindEvents: Number.isNaN(behind) ? null : behind,
        ...(s.error ? { error: s.error.message, failedAt: s.error.position } : {}),
      };
    }
    const failed = statuses.filter((s) => s.state === 'failed').map((s) => s.name);
    return failed.length > 0 ? indicator.down({ ...details, failed }) : indicator.up(details);
  }
}
