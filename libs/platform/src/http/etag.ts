import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { PreconditionFailedError, PreconditionRequiredError } from '../errors/domain-error.js';

/** Strong ETag for a versioned resource. */
export function etagFor(version: number): string {
  return `"${version}"`;
}

/** How a route's ETag is made, kept in its Fastify route config (`request.routeOptions.config`). */
export interface ETagRouteConfig {
  /** `@ContentETag()`: the ETag is a hash of the body. */
  contentETag?: boolean;
  /** `@JoinedRepresentation()`: a version ETag that never answers If-None-Match with 304. */
  noNotModified?: boolean;
}

/**
 * Adds entries to the handler's Fastify route config, keeping what other decorators put there
 * (`@RouteConfig()` from @nestjs/platform-fastify replaces it whole).
 */
function withRouteConfig(entries: ETagRouteConfig): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const current = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) ?? {}) as Record<string, unknown>;
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...current, ...entries }, handler);
    return descriptor;
  };
}

/**
 * Opts a GET into content ETags: `ETag` is a hash of the JSON body, and `If-None-Match` naming it
 * gets 304. For resources with no version column whose content is fixed (a stored framework
 * version) or cheap to rebuild; the body is still built, only the transfer is saved.
 */
export function ContentETag(): MethodDecorator {
  return applyDecorators(
    withRouteConfig({ contentETag: true }),
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      description: 'The ETag of a previous response; 304 with no body when the content is unchanged',
    }),
  );
}

/** Strong ETag from the JSON a body serialises to: the same content always gives the same tag. */
export function contentETagFor(body: unknown): string {
  return `"${createHash('sha256')
    .update(JSON.stringify(body) ?? '')
    .digest('base64url')}"`;
}

/** Whether an `If-None-Match` header names `etag` (weak comparison, as RFC 9110 asks for GET) or is `*`. */
export function ifNoneMatchMatches(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const tags = (Array.isArray(header) ? header.join(',') : header).split(',').map((t) => t.trim().replace(/^W\//, ''));
  return tags.includes(etag) || tags.includes('*');
}

/** Reads the version a client says it changed from; `undefined` when the header is absent. */
export function parseIfMatch(header: string | undefined, resource: string): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^(?:W\/)?"(\d{1,12})"$/.exec(header.trim());
  if (!match?.[1]) throw new PreconditionFailedError(resource);
  return Number(match[1]);
}

/**
 * `@IfMatch('user') version: number` — the version from `If-Match`. Missing → 428, malformed → 412;
 * the service then updates `WHERE id = $1 AND version = $2` and answers 412 when nothing matched.
 */
export const IfMatch = createParamDecorator((resource: string | undefined, ctx: ExecutionContext): number => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  const header = request.headers['if-match'];
  const version = parseIfMatch(Array.isArray(header) ? header.join(',') : header, resource ?? 'resource');
  if (version === undefined) throw new PreconditionRequiredError();
  return version;
});

/**
 * For a versioned resource whose body also shows other records (a unit's children and staff counts,
 * a person's unit name and current role): the body can change while the version stays, so the
 * version ETag still serves If-Match but never answers If-None-Match with 304.
 */
export function JoinedRepresentation(): MethodDecorator {
  return withRouteConfig({ noNotModified: true });
}
