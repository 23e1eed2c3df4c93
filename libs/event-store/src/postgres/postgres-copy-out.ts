import { Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { checkOut } from './checked-out-client';

/**
 * A COPY … TO STDOUT on a connection of its own. pg-copy-streams reads the socket only as the
 * consumer asks for more, so a slow consumer leaves the rest in the server's send buffer, where the
 * server waits (back-pressure): memory stays flat however long the output.
 */
export async function* copyOut(
  pool: Pool,
  sql: string,
  settings: Readonly<Record<string, string>>,
  onConnectionError?: (error: Error) => void,
): AsyncGenerator<Buffer> {
  const connection = await checkOut(pool, onConnectionError);
  const { client } = connection;
  let unfinished: Error | undefined = new Error('COPY stopped before its end');
  try {
    // Settings local to a transaction of its own, so the pooled connection goes back as it was.
    await client.query('begin');
    for (const [name, value] of Object.entries(settings)) await client.query('select set_config($1, $2, true)', [name, value]);
    for await (const chunk of client.query(copyTo(sql))) yield chunk as Buffer;
    await client.query('commit');
    unfinished = undefined;
  } finally {
    // Stopped early or failed: closing the connection, rather than returning it mid-COPY, is what
    // ends the statement on the server (its next send fails) and frees the pool's slot.
    connection.release(unfinished);
  }
}
