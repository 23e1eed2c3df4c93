import { BadRequestException, NotFoundException, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { DomainError, StaleVersionError } from '@lotse/domain';
import { WrongExpectedVersionError } from '@lotse/event-store';
import { toProblem } from './error-to-problem';

const req = { originalUrl: '/pathways/p-1/case-steps?x=secret', id: 'req-1' };

describe('toProblem', () => {
  it('turns a DomainError into its status, code and message, with the details as extension members', () => {
    const error = new DomainError('duplicate_pathway', 'an active coaching pathway exists', {
      conflicting: { kind: 'coaching', jurisdiction: 'sgb2' },
    });
    expect(toProblem(error, req)).toEqual({
      status: 409,
      unexpected: false,
      problem: {
        type: 'tag:lotse,2026:problem:duplicate_pathway',
        title: 'Duplicate pathway',
        status: 409,
        code: 'duplicate_pathway',
        detail: 'an active coaching pathway exists',
        instance: '/pathways/p-1/case-steps',
        requestId: 'req-1',
        conflicting: { kind: 'coaching', jurisdiction: 'sgb2' },
      },
    });
  });

  it('keeps details from overriding the standard members', () => {
    const { problem } = toProblem(
      new DomainError('version_conflict', 'stale', { status: 412, code: 'x', requestId: 'forged', actual: 4 }),
      req,
    );
    expect(problem).toMatchObject({ status: 409, code: 'version_conflict', requestId: 'req-1', actual: 4 });
    expect(Object.keys(problem)).not.toContain('details');
  });

  it('answers a stale If-Match 412 with the version the resource is at', () => {
    expect(toProblem(new StaleVersionError(4, 2), req)).toMatchObject({
      status: 412,
      problem: { status: 412, code: 'version_conflict', detail: 'the resource is at version 4, not 2', actual: 4 },
    });
  });

  it('maps Nest exceptions by status, keeping their message', () => {
    expect(toProblem(new UnauthorizedException('the token has expired'), req).problem).toMatchObject({
      status: 401,
      code: 'unauthenticated',
      detail: 'the token has expired',
    });
    expect(toProblem(new NotFoundException('Cannot GET /nope'), req).problem).toMatchObject({ status: 404, code: 'not_found' });
    expect(toProblem(new BadRequestException(['a is bad', 'b is bad']), req).problem).toMatchObject({
      status: 400,
      detail: 'a is bad; b is bad',
    });
  });

  it('lets a Nest exception name a finer code', () => {
    expect(toProblem(new UnauthorizedException({ code: 'token_expired', message: 'expired' }), req).problem).toMatchObject({
      status: 401,
      code: 'token_expired',
      detail: 'expired',
    });
  });

  it('answers a lost append race as 409 version_conflict', () => {
    expect(toProblem(new WrongExpectedVersionError('pathway-1', 3, 4), req)).toMatchObject({
      status: 409,
      problem: { code: 'version_conflict' },
    });
  });

  it('hides what an unknown error says', () => {
    const answer = toProblem(new Error('password authentication failed for user "lotse"'), req);
    expect(answer).toMatchObject({ status: 500, unexpected: true, problem: { code: 'internal_error', requestId: 'req-1' } });
    expect(JSON.stringify(answer.problem)).not.toContain('password');
  });

  it('leaves requestId out when the request has none', () => {
    expect(toProblem(new DomainError('not_found', 'no'), { url: '/x' }).problem).not.toHaveProperty('requestId');
  });
});

describe('toProblem with an HttpException that carries a report', () => {
  it("keeps the report as extension members, but not Nest's repetition of the status", () => {
    const report = { status: 'error', info: {}, error: { eventStore: { status: 'down' } } };
    const { problem } = toProblem(new ServiceUnavailableException(report), req);
    expect(problem).toMatchObject({ status: 503, code: 'service_unavailable', info: {}, error: { eventStore: { status: 'down' } } });
    expect(toProblem(new NotFoundException('gone'), req).problem).not.toHaveProperty('error');
  });
});

describe('toProblem with a lost database connection', () => {
  it('answers 503 store_unavailable with a retry hint, for a server shutdown and for a refused connection', () => {
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    for (const error of [shutdown, refused, new Error('Connection terminated unexpectedly')]) {
      const answer = toProblem(error, req);
      expect(answer).toMatchObject({ status: 503, unexpected: false, problem: { status: 503, code: 'store_unavailable' } });
      expect(answer.problem.retryAfterSeconds).toBeGreaterThan(0);
    }
  });

  it('still treats other database errors as unexpected', () => {
    const answer = toProblem(Object.assign(new Error('division by zero'), { code: '22012' }), req);
    expect(answer).toMatchObject({ status: 500, unexpected: true, problem: { code: 'internal_error' } });
  });

  it('gives every 400 its errors[]: the field-less ones name the request as a whole', () => {
    expect(toProblem(new BadRequestException('Unexpected end of JSON input'), req).problem.errors).toEqual([
      { field: '', message: 'Unexpected end of JSON input' },
    ]);
    const named = new DomainError('validation_failed', 'id: must be a UUID', { errors: [{ field: 'id', message: 'must be a UUID' }] });
    expect(toProblem(named, req).problem.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    expect(toProblem(new NotFoundException('gone'), req).problem.errors).toBeUndefined();
  });
});
