import {
  HttpStatus,
  Injectable,
  SetMetadata,
  UseInterceptors,
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, of, type Observable } from 'rxjs';
import type { Actor } from '../context/actor.js';
import { DomainError, ValidationFailedError } from '../errors/domain-error.js';
import { RememberingReflector } from '../http/remembering-reflector.js';
import { IdempotencyKeysRepository } from './idempotency-keys.repository.js';

const IDEMPOTENT = Symbol('idempotent');
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/**
 * How long a key may stay `processing` before the same request may claim it again. Far longer than any
 * request runs (statements stop at DATABASE_STATEMENT_TIMEOUT_MS, shutdown drains in seconds); a key
 * older than this was left by a process that died or could not release it.
 */
export const IDEMPOTENCY_LEASE_SECONDS = 5 * 60;

class IdempotencyKeyReused extends DomainError {
  readonly code = 'idempotency-key-reused';
  readonly status = 422;
  readonly title = 'Idempotency key reused';
  constructor() {
    super('This Idempotency-Key was already used with a different request; use a new key for a new request');
  }
}

class IdempotentRequestInProgress extends DomainError {
  readonly code = 'idempotency-request-in-progress';
  readonly status = 409;
  readonly title = 'Request in progress';
  constructor() {
    super('A request with this Idempotency-Key is still being processed; retry shortly');
  }
}

/**
 * Marks a creating POST: with an `Idempotency-Key` header, the same key and body replay the stored
 * response, a different body gets 422, and a concurrent duplicate gets 409. Keys are per user. The
 * interceptor runs on these routes only, so no other request pays for it.
 */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    SetMetadata(IDEMPOTENT, true),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'A unique key (1-255 printable characters) that makes a retry of this request safe; kept 24 hours',
    }),
  );
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: RememberingReflector,
    private readonly keys: IdempotencyKeysRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !this.reflector.get<boolean>(IDEMPOTENT, context.getHandler())) {
      return next.handle();
    }
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Actor }>();
    const header = request.headers['idempotency-key'];
    if (header === undefined) return next.handle();
    const key = Array.isArray(header) ? '' : header;
    if (!/^[\x21-\x7E]{1,255}$/.test(key)) {
      throw new ValidationFailedError([
        { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1-255 printable ASCII characters, sent once' },
      ]);
    }
    const userId = request.user?.userId;
    if (!userId) return next.handle();
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const hash = createHash('sha256')
      .update(`${request.method} ${request.url.split('?')[0]}\n${canonical(request.body)}`)
      .digest('hex');
    return from(this.run(context, next, userId, key, hash, status));
  }

  private async run(
    context: ExecutionContext,
    next: CallHandler,
    userId: string,
    key: string,
    hash: string,
    status: number,
  ): Promise<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (!(await this.keys.claim(userId, key, hash, IDEMPOTENCY_TTL_SECONDS, IDEMPOTENCY_LEASE_SECONDS))) {
      const stored = await this.keys.find(userId, key);
      if (!stored) return this.run(context, next, userId, key, hash, status); // expired between the two reads
      if (stored.requestHash !== hash) throw new IdempotencyKeyReused();
      if (stored.state !== 'completed') throw new IdempotentRequestInProgress();
      void reply.status(stored.responseStatus ?? status).header('Idempotent-Replayed', 'true');
      return lastValueFrom(of(stored.responseBody));
    }
    try {
      const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.keys.complete(userId, key, status, body ?? null);
      return body;
    } catch (err) {
      await this.keys.release(userId, key);
      throw err;
    }
  }
}
