import { Writable } from 'node:stream';
import { pino } from 'pino';
import { logDestination, PRETTY_OPTIONS } from './log-destination';

const terminal = (isTTY: boolean) => ({ isTTY }) as NodeJS.WriteStream;

describe('logDestination', () => {
  it('leaves a pipe or a file to pino itself: JSON lines on stdout', () => {
    expect(logDestination(terminal(false))).toBeUndefined();
  });

  it('gives a terminal pino-pretty, one readable line per entry', () => {
    const destination = logDestination(terminal(true));
    expect(destination).toBeDefined();
    expect(destination).toBeInstanceOf(Writable);
  });
});

describe('the pretty line', () => {
  it('shows context and message, but no pid, hostname or request object', async () => {
    const pretty = (await import('pino-pretty')).default;
    let written = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        written += String(chunk);
        done();
      },
    });
    const stream = pretty({ ...PRETTY_OPTIONS, destination: sink, colorize: false, sync: true });
    pino(stream).info({ context: 'Lotse', req: { method: 'GET', url: '/x' }, requestId: 'r-1' }, 'GET /x 200 3 ms');
    expect(written).toMatch(/INFO.*\[Lotse\] GET \/x 200 3 ms.*"requestId":"r-1"/);
    expect(written).not.toMatch(/hostname|"req"/);
    expect(written.trim().split('\n')).toHaveLength(1);
  });
});
