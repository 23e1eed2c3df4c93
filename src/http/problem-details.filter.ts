import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toProblem } from './error-to-problem';
import { PROBLEM_CONTENT_TYPE } from './problem';

/**
 * The one place an error becomes an HTTP answer: no controller builds an error body, so every error has the same shape.
 * Catches everything, including unknown routes and body-parser failures, which Nest routes
 * through the global filters as well.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const { status, problem, unexpected } = toProblem(exception, req);
    if (unexpected || status >= 500) {
      // The request id ties this line to the client's report; the stack stays in the log. Past
      // pino-http (which sets req.log) every line carries the id already; before it, say it here.
      const requestId = 'log' in req ? {} : { requestId: problem.requestId };
      this.logger.error({ err: exception, status, ...requestId }, 'request failed');
    }
    if (res.headersSent) {
      // Part of a success went out already; all that is left is to stop.
      res.end();
      return;
    }
    res.status(status).setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
    if (typeof problem.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(problem.retryAfterSeconds));
    res.json(problem);
  }
}
