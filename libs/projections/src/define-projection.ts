import type { StoredEvent } from '@lotse/event-store';
import type { Projection } from './projection';

/** The shape of a domain event: a type name and its data. */
export interface LoggedEvent {
  type: string;
  data: Record<string, unknown>;
}

/** One event of the union `E` as the log hands it back: its own type and data, with the envelope around it. */
export type StoredOf<E extends LoggedEvent> = E extends LoggedEvent ? Omit<StoredEvent, 'type' | 'data'> & E : never;

/** A projection written against its event union: `handles` may only name types of `E`, and `apply` sees `E`, not raw JSON. */
export interface TypedProjection<E extends LoggedEvent, Document> {
  name: string;
  handles: readonly E['type'][];
  documentId(event: StoredOf<E>): string;
  apply(current: Document | undefined, event: StoredOf<E>): Document | undefined;
  indexes?: readonly (readonly string[])[];
  version?: number;
}

/**
 * The runner's untyped `Projection` from a typed one. Only events whose type is in `handles` reach
 * the typed functions: the runner never passes others, and the check makes that explicit.
 */
export const defineProjection = <E extends LoggedEvent, Document>(spec: TypedProjection<E, Document>): Projection<Document> => {
  const canHandle = (event: StoredEvent): event is StoredOf<E> => spec.handles.some((type) => type === event.type);
  return {
    name: spec.name,
    handles: spec.handles,
    ...(spec.indexes ? { indexes: spec.indexes } : {}),
    ...(spec.version === undefined ? {} : { version: spec.version }),
    documentId: (event) => {
      if (!canHandle(event)) throw new Error(`the ${spec.name} projection does not handle ${event.type}`);
      return spec.documentId(event);
    },
    apply: (current, event) => (canHandle(event) ? spec.apply(current, event) : current),
  };
};
