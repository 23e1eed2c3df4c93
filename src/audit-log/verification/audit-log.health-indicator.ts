import { Inject, Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { BackgroundVerifier } from './background-verifier';

/** Down while the latest background check of the newest events found the log altered. */
@Injectable()
export class AuditLogHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    @Optional() @Inject(BackgroundVerifier) private readonly background?: BackgroundVerifier,
  ) {}

  check<const Key extends string>(key: Key) {
    const indicator = this.health.check(key);
    if (!this.background) return indicator.up({ enabled: false });
    const last = this.background.last;
    if (last?.firstFailure) return indicator.down({ lastCheck: last.at, checkedEvents: last.checkedEvents, failure: last.firstFailure });
    return indicator.up({ lastCheck: last?.at ?? null, checkedEvents: last?.checkedEvents ?? 0 });
  }
}
