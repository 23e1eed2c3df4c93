import { field } from '../query-fields';
import type { ReadModelQuery } from '../read-model-store';

type Where = NonNullable<ReadModelQuery['where']>;
type OrderBy = NonNullable<ReadModelQuery['orderBy']>;

/**
 * Equality or any-of on `doc.<field>`. MongoDB would also match an array holding the value,
 * which PostgreSQL's `doc->>'field' = value` does not: arrays are left out to answer the same.
 */
export const mongoFilter = (where: Where): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(where).map(([name, value]) => [
      `doc.${field(name)}`,
      { $in: typeof value === 'string' ? [value] : [...value], $not: { $type: 'array' } },
    ]),
  );

/**
 * Without a collation MongoDB compares strings byte-wise and sorts a missing value first
 * ascending and last descending, as the SQL store does; the id breaks ties. Only the first
 * mention of a field counts, as in SQL's ORDER BY.
 */
export const mongoSort = (orderBy: OrderBy): Record<string, 1 | -1> => {
  const sort: Record<string, 1 | -1> = {};
  for (const { field: name, direction } of orderBy) sort[`doc.${field(name)}`] ??= direction === 'asc' ? 1 : -1;
  return { ...sort, _id: 1 };
};

/** Leaves the omitted top-level fields out of the documents; undefined when nothing is omitted. */
export const mongoOmit = (omit: readonly string[]): Record<string, 0> | undefined =>
  omit.length > 0 ? Object.fromEntries(omit.map((name) => [`doc.${field(name)}`, 0 as const])) : undefined;
