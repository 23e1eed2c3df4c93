/** The shape every aggregate of libs/domain has: pure decide and evolve over its own events. */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState: State;
}

export interface DomainEvent {
  type: string;
  data: object;
}
