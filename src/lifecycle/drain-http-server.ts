import { Server } from 'node:http';

/** How often idle keep-alive connections are dropped while the server drains. */
const SWEEP_INTERVAL_MS = 100;

/**
 * Stops accepting connections and waits for the requests in flight to finish, at most `timeoutMs`;
 * then cuts whatever is still open. Resolves with the number of connections it had to cut.
 *
 * `server.close()` drops idle keep-alive connections only once, when it is called; a connection
 * whose request finishes later would stay open until the client lets go, so idle ones are swept
 * until none is left.
 */
export const drainHttpServer = (server: Server, timeoutMs: number): Promise<number> =>
  new Promise((resolve) => {
    if (!server.listening) return resolve(0);
    let cut = 0;
    const sweep = setInterval(() => server.closeIdleConnections(), SWEEP_INTERVAL_MS);
    const deadline = setTimeout(() => {
      server.getConnections((_error, open) => {
        cut = open;
        server.closeAllConnections();
      });
    }, timeoutMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve(cut);
    });
  });
