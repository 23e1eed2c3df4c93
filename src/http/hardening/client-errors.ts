import { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, problemTitle, problemType } from '../problem';

interface ClientErrorAnswer {
  status: number;
  code: string;
  detail: string;
}

const REQUEST_TIMEOUT: ClientErrorAnswer = {
  status: 408,
  code: 'request_timeout',
  detail: 'the request did not arrive completely within the time the server allows (REQUEST_TIMEOUT_MS); send it again',
};
const HEADERS_TOO_LARGE: ClientErrorAnswer = {
  status: 431,
  code: 'request_header_fields_too_large',
  detail: 'the request headers are larger than the server accepts',
};
const MALFORMED: ClientErrorAnswer = { status: 400, code: 'malformed_request', detail: 'the request is not valid HTTP/1.1' };

const answerFor = (error: NodeJS.ErrnoException): ClientErrorAnswer => {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return REQUEST_TIMEOUT;
  if (error.code === 'HPE_HEADER_OVERFLOW') return HEADERS_TOO_LARGE;
  return MALFORMED;
};

/** Node's own `_httpMessage`: the response already under way on this socket, if any. */
type SocketWithResponse = Socket & { _httpMessage?: { headersSent?: boolean } };

/**
 * Errors Node's HTTP parser meets before any route runs (a request trickled past the timeout,
 * oversized headers, bytes that are not HTTP) get the same problem+json every other error gets,
 * instead of Node's bare status line. Where a response has begun, or the peer is gone, there is
 * nothing left to answer: the socket is only closed. The server's one `clientError` listener
 * (Fastify's `clientErrorHandler`).
 */
export const answerClientError = (error: NodeJS.ErrnoException, socket: SocketWithResponse): void => {
  if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const { status, code, detail } = answerFor(error);
  const body = JSON.stringify({ type: problemType(code), title: problemTitle(code), status, code, detail, instance: '' });
  socket.end(
    `HTTP/1.1 ${status} ${problemTitle(code)}\r\n` +
      `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Cache-Control: no-store\r\n' +
      'Connection: close\r\n\r\n' +
      body,
  );
};
