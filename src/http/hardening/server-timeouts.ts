import { Server } from 'node:http';

/** Headers are a few hundred bytes; a client that needs longer for them is stalling on purpose. */
const MAX_HEADERS_TIMEOUT_MS = 10_000;

export interface ServerTimeouts {
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

/**
 * Bounds how long one connection can hold the server: headers within 10 s (or the request
 * timeout, if shorter), the whole request within `requestTimeoutMs` (then a 408 problem and the
 * connection closes, answered by answerClientError), an idle keep-alive connection for `keepAliveTimeoutMs`. A body trickled one byte at a
 * time would otherwise keep its socket and its parser for as long as the sender wants.
 */
export const applyServerTimeouts = (server: Server, { requestTimeoutMs, keepAliveTimeoutMs }: ServerTimeouts): void => {
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = Math.min(MAX_HEADERS_TIMEOUT_MS, requestTimeoutMs);
  server.keepAliveTimeout = keepAliveTimeoutMs;
  // Node checks these timeouts only every `connectionsCheckingInterval` (30 s by default, read
  // when the server starts listening), which would let a short timeout run over by up to 30 s.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(
    100,
    Math.min(1_000, Math.floor(requestTimeoutMs / 4)),
  );
};
