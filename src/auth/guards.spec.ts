import { Controller, ExecutionContext, ForbiddenException, Get, Type, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TokenExpiredError } from 'jsonwebtoken';
import { AuthFailureLimiter } from '../http';
import { AuthenticatedUser } from './authenticated-user';
import { JwtAuthGuard } from './jwt-auth.guard';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';
import { RolesGuard } from './roles.guard';

@Roles('coordinator')
@Controller()
class Fixture {
  @Get() @Roles('coach', 'admin') forCoaches() {}
  @Get() forCoordinators() {}
  @Get() @Public() open() {}
}

@Controller()
class Undeclared {
  @Get() forgotten() {}
}

const contextOf = (controller: Type, handler: string, user?: AuthenticatedUser): ExecutionContext =>
  ({
    getClass: () => controller,
    getHandler: () => controller.prototype[handler],
    switchToHttp: () => ({ getRequest: () => ({ user, headers: {} }) }),
  }) as unknown as ExecutionContext;

const user = (...roles: AuthenticatedUser['roles']): AuthenticatedUser => ({ sub: 'u-1', roles, municipality: 'neuss' });

describe('RolesGuard', () => {
  const guard = new RolesGuard(new Reflector());

  it("lets a user with one of the route's roles through", () => {
    expect(guard.canActivate(contextOf(Fixture, 'forCoaches', user('admin')))).toBe(true);
  });

  it('refuses a user with none of them (403)', () => {
    expect(() => guard.canActivate(contextOf(Fixture, 'forCoaches', user('coordinator')))).toThrow(ForbiddenException);
    expect(() => guard.canActivate(contextOf(Fixture, 'forCoaches', user('coordinator')))).toThrow('requires the role coach or admin');
  });

  it('refuses a user without any known role (403)', () => {
    expect(() => guard.canActivate(contextOf(Fixture, 'forCoaches', user()))).toThrow(ForbiddenException);
  });

  it("takes the controller's roles when the method names none", () => {
    expect(guard.canActivate(contextOf(Fixture, 'forCoordinators', user('coordinator')))).toBe(true);
    expect(() => guard.canActivate(contextOf(Fixture, 'forCoordinators', user('coach')))).toThrow(ForbiddenException);
  });

  it('fails closed: a route without @Roles is refused even to an admin', () => {
    expect(() => guard.canActivate(contextOf(Undeclared, 'forgotten', user('admin')))).toThrow(ForbiddenException);
  });

  it('lets anyone through on a @Public() route', () => {
    expect(guard.canActivate(contextOf(Fixture, 'open'))).toBe(true);
  });
});

describe('JwtAuthGuard', () => {
  const guard = new JwtAuthGuard(new Reflector(), { recordFailure: async () => undefined } as unknown as AuthFailureLimiter);

  it('does not ask for a token on a @Public() route', async () => {
    expect(await guard.canActivate(contextOf(Fixture, 'open'))).toBe(true);
  });

  it('hands on the user the strategy found', () => {
    expect(guard.handleRequest(null, user('coach'), undefined)).toEqual(user('coach'));
  });

  it('turns a refusal into 401 with the reason', () => {
    expect(() => guard.handleRequest(null, false, new TokenExpiredError('jwt expired', new Date()))).toThrow(
      new UnauthorizedException('the token has expired'),
    );
  });

  it("passes the strategy's own 401 on unchanged", () => {
    const refusal = new UnauthorizedException('the token names no subject (sub)');
    expect(() => guard.handleRequest(refusal, false, undefined)).toThrow(refusal);
  });

  it('says only "could not be verified" when our side failed, and logs why', () => {
    const warn = jest
      .spyOn((guard as unknown as { logger: { warn: (m: string) => void } }).logger, 'warn')
      .mockImplementation(() => undefined);
    expect(() => guard.handleRequest(null, false, new Error('connect ECONNREFUSED 10.0.0.7:443'))).toThrow(
      new UnauthorizedException('the token could not be verified'),
    );
    expect(warn).toHaveBeenCalledWith('a token could not be verified: connect ECONNREFUSED 10.0.0.7:443');
  });
});

describe('JwtAuthGuard and the limit on failed authentications', () => {
  const recordFailure = jest.fn(async (_address: string | undefined) => undefined);
  const guard = new JwtAuthGuard(new Reflector(), { recordFailure } as unknown as AuthFailureLimiter);
  let passportCanActivate: jest.SpyInstance;
  const fromAddress = (ip: string): ExecutionContext =>
    ({
      getClass: () => Fixture,
      // Nest hands guards the route's method itself, unbound: the roles are read off it, it is never called.
      // eslint-disable-next-line @typescript-eslint/unbound-method
      getHandler: () => Fixture.prototype.forCoaches,
      switchToHttp: () => ({ getRequest: () => ({ ip, headers: {} }) }),
    }) as unknown as ExecutionContext;
  /** As passport would: the strategy refuses, and the guard's handleRequest says how. */
  const refusedWith = (info: unknown) => passportCanActivate.mockImplementation(async () => guard.handleRequest(null, false, info));

  beforeAll(() => {
    passportCanActivate = jest.spyOn(Object.getPrototypeOf(JwtAuthGuard.prototype), 'canActivate');
  });
  beforeEach(() => recordFailure.mockClear());
  afterAll(() => passportCanActivate.mockRestore());

  it('counts a refused token against the client address', async () => {
    refusedWith(new TokenExpiredError('jwt expired', new Date()));
    await expect(guard.canActivate(fromAddress('10.1.2.3'))).rejects.toThrow(new UnauthorizedException('the token has expired'));
    expect(recordFailure).toHaveBeenCalledWith('10.1.2.3');
  });

  it('does not count a token that our side could not verify (the JWKS unreachable)', async () => {
    jest.spyOn((guard as unknown as { logger: { warn: (m: string) => void } }).logger, 'warn').mockImplementation(() => undefined);
    refusedWith(new Error('connect ECONNREFUSED 10.0.0.7:443'));
    await expect(guard.canActivate(fromAddress('10.1.2.3'))).rejects.toThrow('the token could not be verified');
    expect(recordFailure).not.toHaveBeenCalled();
  });

  it('answers what the limiter answers once the address is over its limit', async () => {
    refusedWith(new TokenExpiredError('jwt expired', new Date()));
    recordFailure.mockRejectedValueOnce(new Error('429 from the limiter'));
    await expect(guard.canActivate(fromAddress('10.1.2.3'))).rejects.toThrow('429 from the limiter');
  });

  it('counts nothing for a valid token', async () => {
    passportCanActivate.mockImplementation(async () => true);
    await expect(guard.canActivate(fromAddress('10.1.2.3'))).resolves.toBe(true);
    expect(recordFailure).not.toHaveBeenCalled();
  });
});
