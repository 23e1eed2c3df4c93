import { randomUUID } from 'node:crypto';

/**
 * The seed command's HTTP client: every write with its own Idempotency-Key, so a retry after a
 * lost connection or a 429 cannot write twice; writes spread over several admin subjects, so the
 * per-subject write limit (RATE_LIMIT_WRITES, 600 a minute by default) is not hit at all.
 */
export interface SeedAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Writes one subject sends before the next takes over: below the default limit of 600 a window. */
export const WRITES_PER_SUBJECT = 500;

export class SeedClient {
  private writes = 0;
  waitsForRateLimit = 0;

  constructor(
    private readonly baseUrl: string,
    /** A bearer token for the admin subject number `n`. */
    private readonly tokenFor: (subject: number) => string,
  ) {}

  get writeCount(): number {
    return this.writes;
  }

  async post(path: string, body: object): Promise<SeedAnswer> {
    const key = randomUUID();
    const subject = Math.floor(this.writes++ / WRITES_PER_SUBJECT);
    return this.send('POST', path, body, { 'Idempotency-Key': key }, subject);
  }

  async get(path: string): Promise<SeedAnswer> {
    return this.send('GET', path, undefined, {}, 0);
  }

  private async send(
    method: string,
    path: string,
    body: object | undefined,
    headers: Record<string, string>,
    subject: number,
  ): Promise<SeedAnswer> {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers: { Authorization: `Bearer ${this.tokenFor(subject)}`, 'Content-Type': 'application/json', ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        if (attempt >= 5) throw new Error(`${method} ${path}: ${(error as Error).message}`, { cause: error });
        await pause(250 * attempt);
        continue;
      }
      const text = await response.text();
      // A limit from elsewhere (a service started with a lower RATE_LIMIT_WRITES) or a moment of overload: wait and try again.
      if ((response.status === 429 || response.status === 503) && attempt < 20) {
        if (response.status === 429) this.waitsForRateLimit++;
        const retryAfter = Number(response.headers.get('retry-after'));
        await pause(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 60) * 1000 : 500 * attempt);
        continue;
      }
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        parsed = { text };
      }
      return { status: response.status, body: typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {} };
    }
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
