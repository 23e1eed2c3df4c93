import { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { firstValueFrom, map, Observable, of, throwError } from 'rxjs';
import { InterceptorChain } from './interceptor-chain';

const context = {} as ExecutionContext;

/** Notes when it runs and what passes through it, and wraps the body in its name. */
const wrapping = (name: string, log: string[]): NestInterceptor => ({
  intercept: (_context, next) => {
    log.push(`${name} in`);
    return next.handle().pipe(
      map((body: unknown) => {
        log.push(`${name} out`);
        return `${name}(${String(body)})`;
      }),
    );
  },
});

const handlerLogging = (log: string[], answer: () => Observable<unknown> = () => of('body')): CallHandler => ({
  handle: () => {
    log.push('handler');
    return answer();
  },
});

describe('the interceptor chain', () => {
  it('runs the first of the list outermost, and the handler inside the last', async () => {
    const log: string[] = [];
    const chain = new InterceptorChain([wrapping('a', log), wrapping('b', log), wrapping('c', log)]);
    const body = await firstValueFrom(chain.intercept(context, handlerLogging(log)));
    expect(body).toBe('a(b(c(body)))');
    expect(log).toEqual(['a in', 'b in', 'c in', 'handler', 'c out', 'b out', 'a out']);
  });

  it('runs nothing before the answer is subscribed to, as Nest runs its own chain', () => {
    const log: string[] = [];
    new InterceptorChain([wrapping('a', log), wrapping('b', log)]).intercept(context, handlerLogging(log));
    expect(log).toEqual([]);
  });

  it('waits for an interceptor that answers with a promise, and lets it answer without the handler', async () => {
    const log: string[] = [];
    const replaying: NestInterceptor = {
      intercept: async () => {
        await new Promise((resolve) => setImmediate(resolve));
        return of('stored answer');
      },
    };
    const chain = new InterceptorChain([wrapping('a', log), replaying, wrapping('c', log)]);
    expect(await firstValueFrom(chain.intercept(context, handlerLogging(log)))).toBe('a(stored answer)');
    expect(log).toEqual(['a in', 'a out']);
  });

  it('passes the handler’s error, and a refusal of an async interceptor, to the outer ones', async () => {
    const log: string[] = [];
    const failing = handlerLogging(log, () => throwError(() => new Error('handler failed')));
    await expect(firstValueFrom(new InterceptorChain([wrapping('a', log)]).intercept(context, failing))).rejects.toThrow('handler failed');
    const refusing: NestInterceptor = {
      intercept: async () => {
        throw new Error('refused');
      },
    };
    await expect(
      firstValueFrom(new InterceptorChain([wrapping('a', log), refusing]).intercept(context, handlerLogging(log))),
    ).rejects.toThrow('refused');
    expect(log).not.toContain('a out');
  });

  it('is the handler itself when the list is empty', async () => {
    const log: string[] = [];
    expect(await firstValueFrom(new InterceptorChain([]).intercept(context, handlerLogging(log)))).toBe('body');
  });
});
