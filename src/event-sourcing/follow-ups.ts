import { DomainError } from '@lotse/domain';

/** How follow-up work is retried: a few times while the request waits, then in the background. */
export interface FollowUpPolicy {
  attemptsInRequest: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_FOLLOW_UP_POLICY: FollowUpPolicy = { attemptsInRequest: 3, firstDelayMs: 50, maxDelayMs: 30_000 };

interface FollowUpLogger {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * A refusal stays a refusal however often it is asked; a lost race (409) or a store that did not
 * answer may well pass the next time.
 */
const isTransient = (error: unknown): boolean => !(error instanceof DomainError) || error.code === 'version_conflict';

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Work that must follow a command that already succeeded, such as the guard's ledger learning that
 * a pathway ended. The command cannot be undone, so the follow-up is retried until it is done:
 * first within the request, then in the background with growing, jittered delays (jitter, so
 * that followers of one outage do not all return at the same moment). It never fails the request.
 */
export class FollowUps {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly logger: FollowUpLogger,
    private readonly policy: FollowUpPolicy = DEFAULT_FOLLOW_UP_POLICY,
  ) {}

  /** The work's result when it succeeded within the request; `undefined` when it was refused or left to the background. */
  async run<T>(what: string, work: () => Promise<T>): Promise<T | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (!isTransient(error)) {
          this.logger.error(`${what} refused: ${message(error)}`);
          return undefined;
        }
        if (attempt >= this.policy.attemptsInRequest) {
          this.logger.warn(`${what} failed ${attempt} times (${message(error)}); retrying in the background`);
          this.retryLater(what, work, attempt + 1);
          return undefined;
        }
        await sleep(this.delay(attempt));
      }
    }
  }

  /** Follow-ups still waiting for their next attempt or running one. */
  get pending(): number {
    return this.timers.size + this.running.size;
  }

  /** No new attempts; the one running may finish (the stores are still open). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    if (this.timers.size > 0) this.logger.error(`${this.timers.size} follow-ups not done at shutdown`);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private retryLater(what: string, work: () => Promise<unknown>, attempt: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = work()
        .then(
          () => undefined,
          (error: unknown) => {
            if (!isTransient(error)) this.logger.error(`${what} refused: ${message(error)}`);
            else this.retryLater(what, work, attempt + 1);
          },
        )
        .finally(() => this.running.delete(run));
      this.running.add(run);
    }, this.delay(attempt));
    // A retry waiting must not keep a process alive that is otherwise done.
    timer.unref();
    this.timers.add(timer);
  }

  private delay(attempt: number): number {
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.firstDelayMs * 2 ** (attempt - 1));
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }
}
