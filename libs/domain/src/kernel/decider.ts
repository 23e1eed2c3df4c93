import { Command } from './command';
import { Event } from './event';

/**
 * The shape of every aggregate: `decide` turns a command and the current state into new events
 * (or throws a DomainError), `evolve` folds one event into the state. Both are pure, so the state
 * is always the left fold of the stream and a test needs nothing but events and commands.
 */
export interface Decider<C extends Command, E extends Event, S> {
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  initialState: S;
  /** Whether an event read from the aggregate's stream is one it evolves on. */
  isEvent(event: Event): event is E;
}

/** The `default` of a switch over a union that handles every member: it does not compile when one is missing. */
export const unreachable = (value: never): never => {
  throw new Error(`unhandled ${JSON.stringify(value)}`);
};
