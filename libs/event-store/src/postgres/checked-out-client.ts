import { Pool, PoolClient } from 'pg';

export interface CheckedOutClient {
  client: PoolClient;
  /** Back to the pool; given a failure (or after a connection error) the pool closes it instead of handing it out again. */
  release: (failure?: Error) => void;
}

/**
 * A connection of the pool for the caller alone. The pool listens for errors only on idle clients:
 * a checked-out one whose server goes away (a restart sends 57P01 between statements) emits
 * 'error', which unheard ends the process; heard, the statement in flight or the next one fails,
 * and the connection is dropped on release.
 */
export const checkOut = async (pool: Pool, onConnectionError?: (error: Error) => void): Promise<CheckedOutClient> => {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost = error;
    onConnectionError?.(error);
  };
  client.on('error', onError);
  return {
    client,
    release: (failure) => {
      client.removeListener('error', onError);
      client.release(lost ?? failure);
    },
  };
};
