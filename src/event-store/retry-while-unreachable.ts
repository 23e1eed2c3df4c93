import { isConnectionLost } from '@lotse/event-store';
import { setTimeout as sleep } from 'node:timers/promises';

const FIRST_PAUSE_MS = 100;
const LONGEST_PAUSE_MS = 2_000;

/**
 * Runs `attempt` again, with growing pauses, while it fails only because the database cannot be
 * reached, for at most `timeoutMs`: app and database are often started together (compose, a
 * rebooted host), and the app must not lose that race. Any other failure, or the last one after
 * the deadline, is thrown as it is.
 */
export const retryWhileUnreachable = async <T>(
  attempt: () => Promise<T>,
  timeoutMs: number,
  onRetry?: (error: unknown, pauseMs: number) => void,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (let pauseMs = FIRST_PAUSE_MS; ; pauseMs = Math.min(LONGEST_PAUSE_MS, pauseMs * 2)) {
    try {
      return await attempt();
    } catch (error) {
      const left = deadline - Date.now();
      if (!isConnectionLost(error) || left <= 0) throw error;
      onRetry?.(error, Math.min(pauseMs, left));
      await sleep(Math.min(pauseMs, left));
    }
  }
};
