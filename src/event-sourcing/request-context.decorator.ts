import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { readIdempotencyKey } from '../http/idempotency/idempotency-key';
import { RequestContext } from './request-context';
import type { HttpRequest } from '../http';

interface RequestUser {
  sub: string;
  roles: string[];
  municipality: string;
}

/** The RequestContext of the current request: who (from the token), which request, which retry key, when. */
export const Ctx = createParamDecorator((_: unknown, execution: ExecutionContext): RequestContext => {
  const req = execution.switchToHttp().getRequest<HttpRequest & { id?: string; user?: RequestUser }>();
  return {
    actor: req.user?.sub ?? 'anonymous',
    role: req.user?.roles.join(' ') ?? '',
    municipality: req.user?.municipality ?? '',
    correlationId: String(req.id ?? ''),
    idempotencyKey: readIdempotencyKey(req),
    now: new Date().toISOString(),
  };
});
