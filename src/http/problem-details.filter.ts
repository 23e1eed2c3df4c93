import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Request, Response } from 'express';
import { toProblem } from './error-to-problem';
import { MethodNotAllowedException, methodNotAllowedFor, RouteTable } from './method-not-allowed';
import { PROBLEM_CONTENT_TYPE } from './problem';

/**
 * The one place an error becomes an HTTP answer: no controller builds an error body, so every error has the same shape.
 * Catches everything, including unknown routes and body-parser failures, which Nest routes
 * through the global filters as well.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const first = toProblem(exception, req);
    const wrongMethod = methodNotAllowedFor(first.status, req, this.routes());
    const { status, problem, unexpected } = wrongMethod ? toProblem(wrongMethod, req) : first;
    // The request id ties this line to the client's report and to the request's own line.
    const { requestId } = problem;
    if (unexpected) {
      // A fault: the stack stays in the log.
      this.logger.error({ err: exception, status, requestId }, 'request failed');
    } else if (status >= 500) {
      // Meant answers (a read model behind, the database away): the code says why, a stack would not.
      this.logger.warn({ status, code: problem.code, requestId }, problem.detail);
    }
    if (res.headersSent) {
      // Part of a success went out already; all that is left is to stop.
      res.end();
      return;
    }
    res.status(status).setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
    if (typeof problem.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(problem.retryAfterSeconds));
    if (wrongMethod instanceof MethodNotAllowedException) res.setHeader('Allow', wrongMethod.allowed.join(', '));
    res.json(problem);
  }

  /** Express's router, where Nest registered every route. */
  private routes(): RouteTable | undefined {
    const instance: unknown = this.adapterHost.httpAdapter?.getInstance();
    return (instance as { router?: RouteTable } | undefined)?.router;
  }
}
