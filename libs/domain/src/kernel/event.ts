/**
 * A fact an aggregate decided, named in the past tense (`CaseStepRecorded`). Its type name and
 * data are what the log stores for good: they never change shape once written. Who and when
 * travel in the log's envelope, not here.
 */
export interface Event<Type extends string = string, Data extends Record<string, unknown> = Record<string, unknown>> {
  readonly type: Type;
  readonly data: Data;
}

/** Every type name of an event union, each exactly once: the compiler refuses a missing or unknown one. */
export type EventTypes<E extends Event> = { readonly [Type in E['type']]: true };

/**
 * A check that an event read from the log is one of the union's: its type name is one of
 * `types`. The data is trusted as the decider wrote it (upcasters bring old shapes up to date).
 */
export const isEventOf =
  <E extends Event>(types: EventTypes<E>) =>
  (event: Event): event is E =>
    Object.hasOwn(types, event.type);
