import { copyOutOf, SqlDriver } from '@lotse/event-store';
import { copiedLines } from './copied-lines';
import { queriedLines } from './queried-lines';

/**
 * The event lines of leaves [fromLeaf, toLeaf) in leaf order, a batch's worth per chunk, byte for
 * byte the same whichever way they are read: by COPY where the driver has it (the PostgreSQL
 * server), else row by row.
 */
export function exportLines(driver: SqlDriver, fromLeaf: number, toLeaf: number, batch?: number): AsyncGenerator<string | Buffer> {
  const copy = copyOutOf(driver);
  return copy ? copiedLines(driver, copy, fromLeaf, toLeaf, batch) : queriedLines(driver, fromLeaf, toLeaf, batch);
}
