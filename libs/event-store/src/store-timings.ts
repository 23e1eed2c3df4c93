import { channel } from 'node:diagnostics_channel';

/**
 * Where an append's time goes inside the store, for whoever wants to know (the bench). Published on
 * node:diagnostics_channel, so with no subscriber it costs one `hasSubscribers` check per statement.
 */
export interface AppendTiming {
  /** Each append of the batch: ms from `append()` to its statement starting (the batch's window, a free slot). */
  queuedMs: readonly number[];
  /** The statement, from asking for a connection to its answer, in ms. */
  writeMs: number;
  /** Appends of the batch answered with an error: a version conflict, mostly, which the caller decides again. */
  refused: number;
}

/** One checkout of a pooled connection (PostgreSQL server): the wait for it, a new connection's setup included, and the work done on it, in ms. */
export interface CheckoutTiming {
  waitMs: number;
  heldMs: number;
  /** The pool opened the connection for this checkout (a new backend, its statements not yet prepared). */
  opened: boolean;
}

export const APPEND_TIMINGS = 'lotse:event-store:append';
export const CHECKOUT_TIMINGS = 'lotse:event-store:checkout';

export const appendTimings = channel(APPEND_TIMINGS);
export const checkoutTimings = channel(CHECKOUT_TIMINGS);
