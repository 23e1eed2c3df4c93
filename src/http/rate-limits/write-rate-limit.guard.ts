import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { rateLimitKey } from './rate-limit-key';
import { tooManyRequests } from './too-many-requests';

export const WRITES_LIMIT_NAME = 'writes';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Global, after authentication: each subject may send so many writes per window, whichever
 * instance takes them. Reads are not limited here; a runaway script of one coach must not fill
 * the log for everyone else.
 */
@Injectable()
export class WriteRateLimitGuard extends ThrottlerGuard {
  private readonly rateLimitLogger = new Logger('RateLimit');

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<{ method: string; user?: { sub: string } }>();
    return !WRITE_METHODS.has(req.method) || !req.user;
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return (req.user as { sub: string }).sub;
  }

  /** One count per subject across all routes; the library's default counts per route. */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return rateLimitKey(name, tracker);
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    if (detail.totalHits === detail.limit + 1) {
      this.rateLimitLogger.warn(
        `more than ${detail.limit} writes of one subject within ${detail.ttl / 1000} s; answering 429 for ${detail.timeToBlockExpire} s (key ${detail.key})`,
      );
    }
    throw tooManyRequests('too many writes', detail.timeToBlockExpire);
  }
}
