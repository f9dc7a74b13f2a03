import { RememberingReflector } from '@capability/platform';
import { Logger, type ExecutionContext } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Unauthenticated } from './auth.errors.js';
import { JwtAuthGuard } from './guards.js';

const contextFor = (headers: Record<string, string>): ExecutionContext =>
  ({
    switchToHttp: () => ({ getRequest: () => ({ headers, ip: '127.0.0.1' }) }),
  }) as unknown as ExecutionContext;

describe('JwtAuthGuard.handleRequest', () => {
  const guard = new JwtAuthGuard(new RememberingReflector());
  afterEach(() => vi.restoreAllMocks());

  it('passes a database failure on untouched (it becomes a 503) and logs no security event', () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const outage = new Error('connect ECONNREFUSED 10.1.2.3:5432');
    expect(() => guard.handleRequest(outage, false, undefined, contextFor({ authorization: 'Bearer x' }))).toThrow(
      outage,
    );
    expect(warn).not.toHaveBeenCalled();
  });

  it('answers a token the strategy refused with 401 and one security event that names no credential', () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const rejected = new Unauthenticated('The access token was not signed by a key of this service');
    const refuse = () =>
      guard.handleRequest(rejected, false, undefined, contextFor({ authorization: 'Bearer eyJabc' }));
    expect(refuse).toThrow(Unauthenticated);
    expect(refuse).toThrow('The access token is not valid; sign in again');
    expect(warn).toHaveBeenCalledTimes(2);
    expect(JSON.stringify(warn.mock.calls)).toContain('auth.token-rejected');
    expect(JSON.stringify(warn.mock.calls)).toContain('not signed by a key of this service');
    expect(JSON.stringify(warn.mock.calls)).not.toContain('eyJ');
  });

  it("answers passport-jwt's own refusal (info, no error) with 401 and its reason in the security event", () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const expired = new Error('jwt expired');
    expect(() => guard.handleRequest(null, false, expired, contextFor({ authorization: 'Bearer eyJabc' }))).toThrow(
      Unauthenticated,
    );
    expect(JSON.stringify(warn.mock.calls)).toContain('jwt expired');
  });

  it('asks for a token, without a security event, when none was sent', () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    expect(() => guard.handleRequest(null, false, new Error('No auth token'), contextFor({}))).toThrow(
      'Sign in, or send a valid access token as "Authorization: Bearer <token>"',
    );
    expect(warn).not.toHaveBeenCalled();
  });

  it('hands on the actor the strategy found', () => {
    const actor = { userId: 'u1' };
    expect(guard.handleRequest(null, actor, undefined, contextFor({ authorization: 'Bearer x' }))).toBe(actor);
  });
});
