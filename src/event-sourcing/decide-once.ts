import { Command, Decider, Event } from '@lotse/domain';
import { Snapshot } from './stream-snapshots';

/** What one decision on one snapshot came to. */
export type Decision<E extends Event> =
  | { kind: 'decided'; events: E[] }
  /** The command holds but changes nothing: answered with the stream as it is. */
  | { kind: 'unchanged' }
  /** The snapshot was only remembered: read the stream and decide again before any refusal or no-op. */
  | { kind: 'stale' }
  | { kind: 'refused'; error: unknown }
  /** `If-Match` names another version than the stream's. */
  | { kind: 'version_mismatch'; actual: number };

/**
 * One decision, pure: no I/O and no retry. A refusal, a no-op or a failed `If-Match` must rest on
 * the stream as it is, not as this process last saw it, so on a remembered snapshot each of
 * them is `stale` first.
 */
export const decideOnce = <C extends Command, E extends Event, S>(
  decider: Decider<C, E, S>,
  command: C,
  snapshot: Snapshot<S>,
  ifMatch?: number,
): Decision<E> => {
  if (ifMatch !== undefined && ifMatch !== snapshot.version) {
    return snapshot.fresh ? { kind: 'version_mismatch', actual: snapshot.version } : { kind: 'stale' };
  }
  let events: E[];
  try {
    events = decider.decide(command, snapshot.state);
  } catch (error) {
    return snapshot.fresh ? { kind: 'refused', error } : { kind: 'stale' };
  }
  if (events.length > 0) return { kind: 'decided', events };
  return snapshot.fresh ? { kind: 'unchanged' } : { kind: 'stale' };
};
