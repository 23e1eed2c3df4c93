import type { HttpResult } from './http-bench';
import { formatMs, renderTable } from './table';

export const LAG_P99_TARGET_MS = 250;

/**
 * The pathways projection's lag beside the case-step rows. Like their throughput, the target
 * holds for steps spread over several pathways; one hot pathway (one ever-growing document) is information.
 */
export const lagReport = (http: HttpResult): { text: string; misses: string[] } | undefined => {
  const measured = http.rows.filter((r) => r.lag || r.lagError);
  if (measured.length === 0) return undefined;
  const misses: string[] = [];
  const rows = measured.map((r) => {
    if (!r.lag) {
      misses.push(`${r.label}: projection lag not measured (${r.lagError})`);
      return [r.label, 'error', '', '', '', '', '', 'see notes'];
    }
    const { events, p50Ms, p99Ms, behindAfter, catchUpSeconds } = r.lag;
    const timed = (r.pathways ?? 0) > 1;
    const met = p99Ms < LAG_P99_TARGET_MS && catchUpSeconds !== undefined;
    if (timed && !met) misses.push(`${r.label}: projection lag p99 ${formatMs(p99Ms)} ms (target < ${LAG_P99_TARGET_MS} ms)`);
    return [
      r.label,
      events.toLocaleString('en-US'),
      formatMs(p50Ms),
      formatMs(p99Ms),
      behindAfter.toLocaleString('en-US'),
      catchUpSeconds === undefined ? 'timeout' : catchUpSeconds.toFixed(1),
      timed ? `p99 < ${LAG_P99_TARGET_MS} ms` : '',
      timed ? (met ? 'yes' : 'MISS') : 'info',
    ];
  });
  const text = [
    renderTable(
      [
        { header: 'projection lag, pathways' },
        { header: 'events', align: 'right' },
        { header: 'p50 ms', align: 'right' },
        { header: 'p99 ms', align: 'right' },
        { header: 'behind after', align: 'right' },
        { header: 'catch-up s', align: 'right' },
        { header: 'target', align: 'right' },
        { header: 'ok?' },
      ],
      rows,
    ),
    `note: lag = event stored → its read-model batch committed, from the app's lotse_projection_lag_seconds{projection="pathways"},`,
    `      scraped from GET /metrics once the warm-up's events were applied and again after the row's backlog was: the difference`,
    `      of the buckets, p50/p99 interpolated within a bucket (histogram_quantile; buckets 5 ms … 60 s, so a figure is as coarse`,
    `      as its bucket). behind after = lotse_projection_behind_events right after the load stopped; catch-up = until it was 0.`,
    ...measured.filter((r) => r.lagError).map((r) => `${r.label}: lag ERROR ${r.lagError}`),
  ].join('\n');
  return { text, misses };
};
