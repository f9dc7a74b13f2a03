import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { PreconditionFailedError, PreconditionRequiredError } from '../errors/domain-error.js';

/** Strong ETag for a versioned resource. */
export function etagFor(version: number): string {
  return `"${version}"`;
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
