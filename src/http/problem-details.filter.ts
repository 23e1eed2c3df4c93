import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { toProblem } from './error-to-problem';
import { MethodNotAllowedException, methodNotAllowedFor } from './method-not-allowed';
import { allowedMethodsOf, wasNotRouted } from './platform/allowed-methods';
import type { HttpRequest } from './platform/http-types';
import { PROBLEM_CONTENT_TYPE } from './problem';

/**
 * The one place an error becomes an HTTP answer: no controller builds an error body, so every error has the same shape.
 * Catches everything, including unknown routes, refused bodies and the checks before routing,
 * which Nest routes through the global filters as well.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<HttpRequest>();
    const res: unknown = host.switchToHttp().getResponse();
    const adapter = this.adapterHost.httpAdapter;
    const first = toProblem(exception, req);
    const asked = { method: req.method, routed: !wasNotRouted(req), path: (req.url ?? '').split('?')[0] };
    const wrongMethod = methodNotAllowedFor(first.status, asked, (path) => allowedMethodsOf(adapter, path));
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
    if (adapter.isHeadersSent(res)) {
      // Part of a success went out already; all that is left is to stop.
      adapter.end(res);
      return;
    }
    adapter.setHeader(res, 'Content-Type', PROBLEM_CONTENT_TYPE);
    if (typeof problem.retryAfterSeconds === 'number') adapter.setHeader(res, 'Retry-After', String(problem.retryAfterSeconds));
    if (wrongMethod instanceof MethodNotAllowedException) adapter.setHeader(res, 'Allow', wrongMethod.allowed.join(', '));
    adapter.reply(res, problem, status);
  }
}
