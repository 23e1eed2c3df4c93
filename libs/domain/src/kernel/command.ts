/**
 * What every command brings besides its data: who asks and when. Time comes in with the command,
 * so deciders stay pure and a replay decides exactly as the original did.
 */
export interface CommandMetadata {
  /** The moment of the request (ISO 8601). */
  now: string;
  actor: string;
}

/**
 * A request to change one aggregate, named in the imperative (`RecordCaseStep`). The metadata is
 * declared here once, so an aggregate's command types only name their type and data.
 */
export interface Command<Type extends string = string, Data extends Record<string, unknown> = Record<string, unknown>> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/** Personal data after encryption: opaque to the domain, readable only with the participant's key. */
export type Sealed = string;

/** `YYYY-MM-DD` part of an ISO timestamp, for comparing moments with calendar dates. */
export const dayOf = (isoMoment: string): string => isoMoment.slice(0, 10);
