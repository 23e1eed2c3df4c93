import { DestinationStream } from 'pino';

/** What pino-pretty's factory needs to know; its full options type is not worth importing for this. */
type PrettyFactory = (options: Record<string, unknown>) => DestinationStream;

/**
 * A terminal gets one readable line per entry; anything else (a file, a pipe, a log shipper) gets
 * one JSON object per line, which is what shippers parse. pino-pretty is loaded lazily so that an
 * install without it (`npm ci --omit=optional`, a slimmed image) still logs, as JSON.
 */
export const logDestination = (stdout: NodeJS.WriteStream = process.stdout): DestinationStream | undefined => {
  if (!stdout.isTTY) return undefined;
  const pretty = loadPinoPretty();
  if (!pretty) return undefined;
  return pretty({ ...PRETTY_OPTIONS, destination: 1, colorize: true });
};

/** `16:59:02.493 INFO: [Lotse] listening on port 3000 …`; a request's line keeps its requestId. */
export const PRETTY_OPTIONS = {
  singleLine: true,
  translateTime: 'SYS:HH:MM:ss.l',
  ignore: 'pid,hostname,context,req,res,responseTime',
  messageFormat: '{if context}[{context}] {end}{msg}',
};

const loadPinoPretty = (): PrettyFactory | undefined => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional at run time, on purpose
    const loaded = require('pino-pretty') as PrettyFactory | { default: PrettyFactory };
    return typeof loaded === 'function' ? loaded : loaded.default;
  } catch {
    return undefined;
  }
};
