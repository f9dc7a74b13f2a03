import { Logger, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Unauthenticated } from './auth.errors.js';
import { JwtAuthGuard } from './guards.js';

function contextWith(headers: Record<string, string>): ExecutionContext {
  const request = { headers, ip: '127.0.0.1' };
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

describe('JwtAuthGuard.handleRequest', () => {
  const guard = new JwtAuthGuard(new Reflector());
  afterEach(() => vi.restoreAllMocks());

  it('passes a database failure on untouched (it becomes a 503) and logs no security event', () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const outage = new Error('connect ECONNREFUSED 10.1.2.3:5432');
    expect(() => guard.handleRequest(outage, false, undefined, contextWith({ authorization: 'Bearer x' }))).toThrow(
      outage,
    );
    expect(warn).not.toHaveBeenCalled();
  });

  it('answers a rejected token with 401 and one security event that names no credential', () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const rejected = new Unauthenticated('The access token was not signed by a key of this service');
    expect(() =>
      guard.handleRequest(rejected, false, undefined, contextWith({ authorization: 'Bearer eyJabc' })),
    ).toThrow(Unauthenticated);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(warn.mock.calls)).toContain('auth.token-rejected');
    expect(JSON.stringify(warn.mock.calls)).not.toContain('eyJ');
  });
});
