import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { etagFor } from './etag.js';

function versionOf(body: unknown): number | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body) || 'items' in body) return undefined;
  const version = (body as { version?: unknown }).version;
  return typeof version === 'number' && Number.isInteger(version) ? version : undefined;
}

/**
 * A response that carries a `version` gets `ETag: "<version>"`, the value `If-Match` takes back.
 * A GET whose `If-None-Match` names the current version gets 304 with no body.
 */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        const version = versionOf(body);
        if (version === undefined) return body;
        const etag = etagFor(version);
        void reply.header('ETag', etag);
        const ifNoneMatch = request.headers['if-none-match'];
        if ((request.method === 'GET' || request.method === 'HEAD') && ifNoneMatch) {
          const tags = ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
          if (tags.includes(etag) || tags.includes('*')) {
            void reply.status(304);
            return undefined;
          }
        }
        return body;
      }),
    );
  }
}
