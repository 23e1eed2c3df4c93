import type { StoredEvent } from '@lotse/event-store';
import type { LogOrder } from '@lotse/projections';
import type { ProjectionsView } from './projections-view';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** From the event's commit to the read model's commit: what a coach waits before a list shows her write. */
const LAG_BUCKETS = [0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.5, 0.75, 1, 2, 5, 10, 30, 60];

const STATES = ['running', 'waiting', 'rebuilding', 'failed'] as const;

/** The projections' figures on /metrics: lag, throughput, position, state. */
export class ProjectionMetrics {
  private readonly lag: Histogram<'projection'>;
  private readonly applied: Counter<'projection'>;

  constructor(private readonly registry: Registry) {
    this.lag = new Histogram({
      name: 'lotse_projection_lag_seconds',
      help: 'Time from an event being stored to its read-model change committing',
      labelNames: ['projection'],
      buckets: LAG_BUCKETS,
      registers: [registry],
    });
    this.applied = new Counter({
      name: 'lotse_projection_events_total',
      help: 'Events read by each projection (handled or not)',
      labelNames: ['projection'],
      registers: [registry],
    });
  }

  observe(projection: string, events: readonly StoredEvent[]): void {
    const now = Date.now();
    const lag = this.lag.labels(projection);
    for (const event of events) lag.observe(Math.max(0, now - Date.parse(event.recordedAt)) / 1000);
    this.applied.labels(projection).inc(events.length);
  }

  /** Lags measured where the projections run (another thread or process), replayed here. */
  observeLags(projection: string, seconds: readonly number[]): void {
    const lag = this.lag.labels(projection);
    for (const s of seconds) lag.observe(s);
    this.applied.labels(projection).inc(seconds.length);
  }

  /** Position, state and the events still to apply are read when scraped, from the runner (or its view). */
  watch(runner: ProjectionsView, logOrder: LogOrder): void {
    new Gauge({
      name: 'lotse_projection_position',
      help: 'Log position of the last event each projection applied',
      labelNames: ['projection'],
      registers: [this.registry],
      collect() {
        for (const s of runner.status()) this.labels(s.name).set(s.position);
      },
    });
    new Gauge({
      name: 'lotse_projection_state',
      help: '1 for the state each projection is in (running, waiting for the lead, rebuilding a model of another version, failed)',
      labelNames: ['projection', 'state'],
      registers: [this.registry],
      collect() {
        for (const s of runner.status()) for (const state of STATES) this.labels(s.name, state).set(s.state === state ? 1 : 0);
      },
    });
    new Gauge({
      name: 'lotse_projection_behind_events',
      help: "Events in the log after each projection's checkpoint (NaN where the store cannot count)",
      labelNames: ['projection'],
      registers: [this.registry],
      async collect() {
        for (const s of runner.status()) this.labels(s.name).set(await logOrder.behind(s.position).catch(() => Number.NaN));
      },
    });
  }
}
