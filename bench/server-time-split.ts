import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createHistogram, RecordableHistogram } from 'node:perf_hooks';
import { APPEND_TIMINGS, AppendTiming, CHECKOUT_TIMINGS, CheckoutTiming } from '@lotse/event-store';

/** Mean, p50, p99 and longest of one kind of wait, in ms, and how many were measured. */
export interface Spread {
  count: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Where an HTTP process's answers spent their time, since the last reset. */
export interface TimeSplit {
  /** From the request's arrival at the server ('request' event) to its answer's `end`. */
  request: Spread;
  /** Each append: from `append()` to its statement starting (the batcher's window and a free slot). */
  appendQueued: Spread;
  /** Each append: its statement, from asking the pool for a connection to the answer (per append, so a batch of 4 counts 4 times). */
  appendWrite: Spread;
  /** Append statements (batches) and the appends among them that were refused (a version conflict: the command runner decides again). */
  appendStatements: number;
  appendsRefused: number;
  /** Every statement of the event store's pool (appends and reads): the wait for a connection, a new one's setup included. */
  poolWait: Spread;
  /** Connections the pool opened meanwhile (their checkouts waited for a new backend). */
  connectionsOpened: number;
}

/** Histograms hold integers: microseconds, at least 1. */
const record = (histogram: RecordableHistogram, ms: number) => histogram.record(Math.max(1, Math.round(ms * 1000)));

const spreadOf = (h: RecordableHistogram): Spread =>
  h.count === 0
    ? { count: 0, meanMs: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 }
    : { count: h.count, meanMs: h.mean / 1000, p50Ms: h.percentile(50) / 1000, p99Ms: h.percentile(99) / 1000, maxMs: h.max / 1000 };

/**
 * The server's own time per answer, split into the event store's waits (published on
 * diagnostics channels, see libs/event-store/src/store-timings.ts) and the rest, so that a row's
 * tail can be set against queueing in Node or waiting on PostgreSQL. Only what the process itself
 * sees: time a request spent in the kernel or unread while the event loop was busy is not in it
 * (the event loop's delay, beside it, is).
 */
export class ServerTimeSplit {
  private readonly request = createHistogram();
  private readonly appendQueued = createHistogram();
  private readonly appendWrite = createHistogram();
  private readonly poolWait = createHistogram();
  private appendStatements = 0;
  private appendsRefused = 0;
  private connectionsOpened = 0;

  private readonly onAppend = (message: unknown) => {
    const { queuedMs, writeMs, refused } = message as AppendTiming;
    this.appendStatements += 1;
    this.appendsRefused += refused;
    for (const queued of queuedMs) {
      record(this.appendQueued, queued);
      record(this.appendWrite, writeMs);
    }
  };

  private readonly onCheckout = (message: unknown) => {
    const { waitMs, opened } = message as CheckoutTiming;
    record(this.poolWait, waitMs);
    if (opened) this.connectionsOpened += 1;
  };

  constructor() {
    subscribe(APPEND_TIMINGS, this.onAppend);
    subscribe(CHECKOUT_TIMINGS, this.onCheckout);
  }

  /** One answer, `ms` after its request arrived. */
  answered(ms: number): void {
    record(this.request, ms);
  }

  read(): TimeSplit {
    return {
      request: spreadOf(this.request),
      appendQueued: spreadOf(this.appendQueued),
      appendWrite: spreadOf(this.appendWrite),
      appendStatements: this.appendStatements,
      appendsRefused: this.appendsRefused,
      poolWait: spreadOf(this.poolWait),
      connectionsOpened: this.connectionsOpened,
    };
  }

  reset(): void {
    for (const h of [this.request, this.appendQueued, this.appendWrite, this.poolWait]) h.reset();
    this.appendStatements = 0;
    this.appendsRefused = 0;
    this.connectionsOpened = 0;
  }

  stop(): void {
    unsubscribe(APPEND_TIMINGS, this.onAppend);
    unsubscribe(CHECKOUT_TIMINGS, this.onCheckout);
  }
}
