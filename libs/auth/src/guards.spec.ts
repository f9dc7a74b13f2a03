import { RememberingReflector } from '@capability/platform';
import { Logger } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccessTokens } from './access-tokens.js';
import { Unauthenticated } from './auth.errors.js';
import { JwtAuthGuard } from './guards.js';

const requestWith = (headers: Record<string, string>) => ({ headers, ip: '127.0.0.1' });

describe('JwtAuthGuard.refuse', () => {
  const guard = new JwtAuthGuard(new RememberingReflector(), {} as AccessTokens);
  afterEach(() => vi.restoreAllMocks());

  it('passes a database failure on untouched (it becomes a 503) and logs no security event', () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const outage = new Error('connect ECONNREFUSED 10.1.2.3:5432');
    expect(() => guard.refuse(outage, requestWith({ authorization: 'Bearer x' }))).toThrow(outage);
    expect(warn).not.toHaveBeenCalled();
  });

  it('answers a rejected token with 401 and one security event that names no credential', () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const rejected = new Unauthenticated('The access token was not signed by a key of this service');
    expect(() => guard.refuse(rejected, requestWith({ authorization: 'Bearer eyJabc' }))).toThrow(Unauthenticated);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(warn.mock.calls)).toContain('auth.token-rejected');
    expect(JSON.stringify(warn.mock.calls)).not.toContain('eyJ');
  });
});
