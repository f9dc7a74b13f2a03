import { RememberingReflector } from '@capability/platform';
import { SetMetadata, type ExecutionContext } from '@nestjs/common';
import { DEFAULT_IPV6_SUBNET_PREFIX, normalizeIp, type ThrottlerOptions } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';

const LOGIN_THROTTLED = 'login-throttled';

/** Marks the login route: it is throttled per account and per client, on top of the global limit. */
export const LoginThrottled = (): MethodDecorator => SetMetadata(LOGIN_THROTTLED, true);

/** `skipIf` gets only the context, so it keeps a RememberingReflector of its own: read once per handler. */
const routes = new RememberingReflector();
const notLogin = (context: ExecutionContext): boolean => routes.get(LOGIN_THROTTLED, context.getHandler()) !== true;

const FIFTEEN_MINUTES = 15 * 60 * 1000;

export function throttlers(perMinute: number, loginLimit: number): ThrottlerOptions[] {
  return [
    { name: 'default', ttl: 60_000, limit: perMinute },
    { name: 'login-client', ttl: FIFTEEN_MINUTES, limit: loginLimit * 3, skipIf: notLogin },
    {
      name: 'login-account',
      ttl: FIFTEEN_MINUTES,
      limit: loginLimit,
      skipIf: notLogin,
      getTracker: (req: Record<string, unknown>) => {
        const body = (req as unknown as FastifyRequest).body as { email?: unknown } | undefined;
        return `account:${typeof body?.email === 'string' ? body.email.trim().toLowerCase() : ''}`;
      },
    },
  ];
}

/**
 * A counter per route and client (the storage adds the throttler), as the throttler's own key has it, without hashing it
 * with SHA-256 on every request (the keys stay in this process's memory only).
 */
export function throttlerKey(context: ExecutionContext, tracker: string): string {
  return `${context.getClass().name}.${context.getHandler().name}:${tracker}`;
}

/**
 * The client a request counts against: its address (an IPv6 client by its /64), as the throttler's own
 * tracker has it, but answered at once rather than as a promise, so the guard can too.
 */
export function clientTracker(req: Record<string, unknown>): string {
  return normalizeIp((req as unknown as FastifyRequest).ip, DEFAULT_IPV6_SUBNET_PREFIX);
}
