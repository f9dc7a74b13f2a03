import {
  BadRequestException,
  Body as NestBody,
  Query as NestQuery,
  createParamDecorator,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { createValidationPipe } from './validation.js';

/**
 * There is no global validation pipe: a global pipe runs, as a chain of promises, on every parameter of
 * every route (the actor and path ids included) though only bodies and queries are DTOs. These validate
 * exactly what comes from the client; ESLint keeps Nest's own `@Body()` and `@Query()` out of the code.
 */
const validation = createValidationPipe();

/** The request body, validated and transformed to its DTO class (400 problem+json naming each field). */
export const Body = (): ParameterDecorator => NestBody(validation);

/** The query string, validated and transformed to its DTO class (400 problem+json naming each field). */
export const Query = (): ParameterDecorator => NestQuery(validation);

// Versions 1-8 with the RFC variant, or the Nil and Max UUIDs: what Nest's ParseUUIDPipe accepts.
const UUID =
  /^(?:[0-9A-F]{8}-[0-9A-F]{4}-[1-8][0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}|00000000-0000-0000-0000-000000000000|FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF)$/i;

const uuidParam = createParamDecorator((name: string, ctx: ExecutionContext): string => {
  const value = (ctx.switchToHttp().getRequest<FastifyRequest>().params as Record<string, unknown>)[name];
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw new BadRequestException('Validation failed (uuid is expected)');
  }
  return value;
});

/**
 * `@UuidParam('id') id: string`: a path parameter that must be a uuid, else 400, as with
 * `@Param('id', ParseUUIDPipe)`; checked as it is read, with no pipe, so it costs the request no promise.
 * Documented in OpenAPI as the path parameter it is.
 */
export function UuidParam(name: string): ParameterDecorator {
  return (target, key, index) => {
    uuidParam(name)(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) ApiParam({ name, required: true, type: String })(target, key, descriptor);
  };
}
