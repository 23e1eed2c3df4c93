/** Places positions in the event store's log order, which need not be the order of their numbers. */
export interface LogOrder {
  /** Whether the event at `position` comes at or before `checkpoint` (0: the start of the log). */
  hasPassed(position: number, checkpoint: number): Promise<boolean>;
  /** How many events of the log come after `checkpoint`: a projection's lag, a rebuild's work. */
  behind(checkpoint: number): Promise<number>;
}

/**
 * For stores whose positions grow in commit order (KurrentDB's commit position): the numbers
 * are the order. Counting what lies behind would mean reading it, so the lag is left unknown.
 */
export class NumericLogOrder implements LogOrder {
  async hasPassed(position: number, checkpoint: number): Promise<boolean> {
    return position <= checkpoint;
  }

  async behind(): Promise<number> {
    return Number.NaN;
  }
}
