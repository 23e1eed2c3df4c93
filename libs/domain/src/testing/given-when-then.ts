import { DomainError } from '../shared/domain-error';

/** given(events).when(command).then(events) / .thenThrows(code), for any decider. */
export const deciderSpec = <Command, Event, State>(decider: {
  decide: (command: Command, state: State) => Event[];
  evolve: (state: State, event: Event) => State;
  initialState: State;
}) => (history: Event[]) => ({
  when: (command: Command) => {
    const run = () => decider.decide(command, history.reduce(decider.evolve, decider.initialState));
    return {
      then: (expected: Event[]) => expect(run()).toEqual(expected),
      thenThrows: (code: string) => {
        let thrown: unknown;
        try {
          run();
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(DomainError);
        expect((thrown as DomainError).code).toBe(code);
      },
    };
  },
});
