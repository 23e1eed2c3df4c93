import { field } from '../query-fields';
import type { ReadModelQuery } from '../read-model-store';

export const sqlWhere = (where: NonNullable<ReadModelQuery['where']>): { sql: string; params: unknown[] } => {
  const params: unknown[] = [];
  const terms = Object.entries(where).map(([name, value]) => {
    if (typeof value === 'string') {
      params.push(value);
      return `doc->>'${field(name)}' = $${params.length}`;
    }
    params.push([...value]);
    return `doc->>'${field(name)}' = any($${params.length}::text[])`;
  });
  return { sql: terms.length > 0 ? `where ${terms.join(' and ')}` : '', params };
};

/** Byte-wise ("C") and missing values first, as MongoDB sorts strings and nulls. */
export const sqlOrderBy = (orderBy: NonNullable<ReadModelQuery['orderBy']>): string =>
  [
    ...orderBy.map(
      ({ field: name, direction }) => `(doc->>'${field(name)}') collate "C" ${direction === 'asc' ? 'asc nulls first' : 'desc nulls last'}`,
    ),
    'id collate "C" asc',
  ].join(', ');
