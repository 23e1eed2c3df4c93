/**
 * The pathways projection's lag while case steps are recorded, read from the app's own
 * Prometheus figures on GET /metrics: the lag histogram scraped before and after a timed row,
 * the difference of its buckets, and quantiles interpolated within a bucket as Prometheus's
 * histogram_quantile does. The histogram observes each event once, when its read-model batch commits.
 */
const PROJECTION = 'pathways';
const LAG = 'lotse_projection_lag_seconds';
const BEHIND = 'lotse_projection_behind_events';
const POLL_MS = 100;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Cumulative counts by upper bound in seconds, ascending, +Inf last. */
type Buckets = { le: number; count: number }[];

export interface LagFigures {
  /** Events observed between the two scrapes. */
  events: number;
  p50Ms: number;
  p99Ms: number;
  /** Events in the log after the projection's checkpoint right after the load stopped. */
  behindAfter: number;
  /** From the end of the load until the projection had applied everything; undefined if it did not within the wait. */
  catchUpSeconds?: number;
}

const parse = (text: string): Sample[] =>
  text.split('\n').flatMap((line) => {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) return [];
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    return [{ name: match[1], labels, value: Number(match[3]) }];
  });

const scrape = async (baseUrl: string): Promise<Sample[]> => {
  const res = await fetch(`${baseUrl}/metrics`);
  if (!res.ok) throw new Error(`GET /metrics answered ${res.status}`);
  return parse(await res.text()).filter((s) => s.labels.projection === PROJECTION);
};

const buckets = (samples: Sample[]): Buckets =>
  samples
    .filter((s) => s.name === `${LAG}_bucket`)
    .map((s) => ({ le: s.labels.le === '+Inf' ? Infinity : Number(s.labels.le), count: s.value }))
    .sort((a, b) => a.le - b.le);

const behind = (samples: Sample[]): number => samples.find((s) => s.name === BEHIND)?.value ?? NaN;

const minus = (after: Buckets, before: Buckets): Buckets =>
  after.map((b) => ({ le: b.le, count: b.count - (before.find((x) => x.le === b.le)?.count ?? 0) }));

/** Prometheus's histogram_quantile: linear within the bucket; in +Inf, the highest finite bound. */
export const histogramQuantile = (q: number, cumulative: Buckets): number => {
  const total = cumulative[cumulative.length - 1]?.count ?? 0;
  if (total === 0) return NaN;
  const rank = q * total;
  const i = cumulative.findIndex((b) => b.count >= rank);
  if (cumulative[i].le === Infinity) return cumulative[i - 1]?.le ?? NaN;
  const lower = i > 0 ? cumulative[i - 1] : { le: 0, count: 0 };
  const inBucket = cumulative[i].count - lower.count;
  return lower.le + (cumulative[i].le - lower.le) * (inBucket > 0 ? (rank - lower.count) / inBucket : 1);
};

/** Polls until the projection has nothing left to apply, at most `timeoutMs`; the last scrape either way. */
const caughtUp = async (baseUrl: string, timeoutMs: number): Promise<{ done: boolean; samples: Sample[] }> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const samples = await scrape(baseUrl);
    const left = behind(samples);
    if (Number.isNaN(left)) throw new Error(`no ${BEHIND}{projection="${PROJECTION}"} on /metrics: does the app run its projections?`);
    if (left === 0 || Date.now() > deadline) return { done: left === 0, samples };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
};

/**
 * `start` once the projection has caught up with what came before (the warm-up's events), right
 * before the load; `stop` right after it: the backlog then, and the histogram once the backlog is
 * applied too, so the slowest events of the row are in it.
 */
export const lagProbe = (baseUrl: string, timeoutMs: number) => {
  let before: Buckets = [];
  return {
    start: async () => {
      before = buckets((await caughtUp(baseUrl, timeoutMs)).samples);
    },
    stop: async (): Promise<LagFigures> => {
      const stopped = Date.now();
      const behindAfter = behind(await scrape(baseUrl));
      const end = await caughtUp(baseUrl, timeoutMs);
      const row = minus(buckets(end.samples), before);
      return {
        events: row[row.length - 1]?.count ?? 0,
        p50Ms: histogramQuantile(0.5, row) * 1000,
        p99Ms: histogramQuantile(0.99, row) * 1000,
        behindAfter,
        catchUpSeconds: end.done ? (Date.now() - stopped) / 1000 : undefined,
      };
    },
  };
};
