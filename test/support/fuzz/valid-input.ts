import fc from 'fast-check';
import { JsonSchema, Operation } from './openapi-operations';

/** Ids the fuzzed requests refer to: real resources, so that valid requests reach the handlers. */
export interface FuzzFixtures {
  participantIds: string[];
  pathwayIds: string[];
  /** A log position every read model has reached: a larger minPosition would only wait. */
  reachedPosition: number;
}

const UNKNOWN_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/** A value the schema accepts, as a well-behaved client would send it. */
export const validValue = (schema: JsonSchema, fixtures: FuzzFixtures, name = ''): fc.Arbitrary<unknown> => {
  // The documented example is a combination the route accepts (kind and funding body, say) more often than a random one.
  if (schema.enum?.length)
    return schema.example === undefined
      ? fc.constantFrom(...schema.enum)
      : fc.oneof({ weight: 3, arbitrary: fc.constant(schema.example) }, { weight: 1, arbitrary: fc.constantFrom(...schema.enum) });
  if (name === 'minPosition') return fc.integer({ min: 0, max: fixtures.reachedPosition });
  if (schema.format === 'uuid' && /participant|duplicate/i.test(name)) {
    return fc.oneof(
      { weight: 9, arbitrary: fc.constantFrom(...fixtures.participantIds) },
      { weight: 1, arbitrary: fc.constant(UNKNOWN_ID) },
    );
  }
  if (schema.format === 'uuid') return fc.constantFrom(...fixtures.participantIds, ...fixtures.pathwayIds, UNKNOWN_ID);
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const shapes = Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, validValue(property, fixtures, key)]));
      return fc.record(shapes, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) as never[] });
    }
    case 'array':
      return fc.array(validValue(schema.items ?? {}, fixtures, name), { maxLength: 3 });
    case 'number':
    case 'integer':
      return schema.example !== undefined
        ? fc.constant(schema.example)
        : fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 1_000, 1_000) });
    case 'boolean':
      return fc.boolean();
    default:
      // Strings: the documented example is a value the route accepts; its length bounds come from the DTO.
      if (schema.example !== undefined) return fc.constant(schema.example);
      return fc.string({ minLength: Math.max(schema.minLength ?? 1, 1), maxLength: Math.min(schema.maxLength ?? 40, 40) });
  }
};

/** The path with its parameters filled from the fixtures. */
export const validPath = (operation: Operation, fixtures: FuzzFixtures): fc.Arbitrary<string> => {
  const values: Record<string, fc.Arbitrary<string>> = {
    id: operation.path.startsWith('/pathways') ? fc.constantFrom(...fixtures.pathwayIds) : fc.constantFrom(...fixtures.participantIds),
    entitlementId: fc.constantFrom(...fixtures.participantIds.map((id) => `${id}-e0`)),
    name: fc.constantFrom('pathways', 'case_steps', 'careers'),
  };
  return fc
    .record(Object.fromEntries(operation.pathParams.map((name) => [name, values[name] ?? fc.constant('x')])))
    .map((params) => operation.path.replace(/\{(\w+)\}/g, (_whole, name: string) => params[name]));
};

/** Query parameters a client may send: some of the documented ones, each with a valid value. */
export const validQuery = (operation: Operation, fixtures: FuzzFixtures): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(Object.fromEntries(Object.entries(operation.query).map(([name, schema]) => [name, validValue(schema, fixtures, name)])), {
    requiredKeys: [],
  });
