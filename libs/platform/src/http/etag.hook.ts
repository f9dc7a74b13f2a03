import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentETagFor, etagFor, ifNoneMatchMatches, type ETagRouteConfig } from './etag.js';

function versionOf(body: unknown): number | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body) || 'items' in body) return undefined;
  const version = (body as { version?: unknown }).version;
  return typeof version === 'number' && Number.isInteger(version) ? version : undefined;
}

/**
 * Fastify `preSerialization` hook: a successful response that carries a `version` gets
 * `ETag: "<version>"`, the value `If-Match` takes back. A route marked `@ContentETag()` gets a hash
 * of its body instead. A GET whose `If-None-Match` names the ETag gets 304, unless the route is a
 * `@JoinedRepresentation()` (`withoutNotModifiedBody` then drops the body in `onSend`).
 *
 * A server hook rather than a Nest interceptor: with no global interceptor, Nest hands a request
 * straight to its handler instead of through an rxjs chain built for every request.
 */
export function etagHook(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (err: Error | null, payload?: unknown) => void,
): void {
  if (reply.statusCode < 200 || reply.statusCode >= 300) {
    done(null, payload);
    return;
  }
  const config = request.routeOptions.config as ETagRouteConfig;
  let etag: string;
  if (config.contentETag === true) etag = contentETagFor(payload);
  else {
    const version = versionOf(payload);
    if (version === undefined) {
      done(null, payload);
      return;
    }
    etag = etagFor(version);
  }
  void reply.header('ETag', etag);
  const isRead = config.noNotModified !== true && (request.method === 'GET' || request.method === 'HEAD');
  if (isRead && ifNoneMatchMatches(request.headers['if-none-match'], etag)) void reply.status(304);
  done(null, payload);
}

/** For an `onSend` hook: a 304 goes without the body it was answering with. */
export function withoutNotModifiedBody<T>(reply: FastifyReply, payload: T): T | null {
  return reply.statusCode === 304 ? null : payload;
}
