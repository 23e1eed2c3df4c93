import { Command } from '../kernel/command';
import { Decider } from '../kernel/decider';
import { DomainError } from '../kernel/domain-error';
import { Event } from '../kernel/event';

/** given(events).when(command).then(events) / .thenThrows(code), for any decider. */
export const DeciderSpecification = {
  for:
    <C extends Command, E extends Event, S>(decider: Decider<C, E, S>) =>
    (history: E[]) => ({
      when: (command: C) => {
        const run = () =>
          decider.decide(
            command,
            history.reduce((state, event) => decider.evolve(state, event), decider.initialState),
          );
        return {
          then: (expected: E[]) => expect(run()).toEqual(expected),
          thenThrows: (code: string) => {
            let thrown: unknown;
            try {
              run();
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(DomainError);
            expect(thrown instanceof DomainError && thrown.code).toBe(code);
          },
        };
      },
    }),
};
