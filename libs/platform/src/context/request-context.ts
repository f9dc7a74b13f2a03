import type { ClsMiddlewareOptions } from 'nestjs-cls';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The request id a request's CLS context carries (the logger's `requestId`, the audit trail, problem
 * bodies): the one Fastify chose (a sane X-Request-Id, or a new UUID), which @fastify/middie copies
 * onto the raw request that Nest middleware receives.
 */
export function requestIdOf(req: IncomingMessage & { id?: unknown }): string {
  return typeof req.id === 'string' && req.id.length > 0 ? req.id : randomUUID();
}

/**
 * nestjs-cls's ClsMiddleware, mounted on every route (its documented setup for HTTP): each request's
 * context (request id, transactions) is opened before guards, interceptors and handlers run.
 */
export const REQUEST_CONTEXT: ClsMiddlewareOptions = {
  mount: true,
  generateId: true,
  idGenerator: requestIdOf,
};
