import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { CONTENT_ETAG, contentETagFor, etagFor, ifNoneMatchMatches, NO_NOT_MODIFIED } from './etag.js';
import { RememberingReflector } from './remembering-reflector.js';

function versionOf(body: unknown): number | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body) || 'items' in body) return undefined;
  const version = (body as { version?: unknown }).version;
  return typeof version === 'number' && Number.isInteger(version) ? version : undefined;
}

/**
 * A response that carries a `version` gets `ETag: "<version>"`, the value `If-Match` takes back.
 * A route marked `@ContentETag()` gets a hash of its body instead. A GET whose `If-None-Match`
 * names the ETag gets 304 with no body, unless the route is a `@JoinedRepresentation()`.
 */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  constructor(private readonly reflector: RememberingReflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const byContent = this.reflector.get<boolean | undefined>(CONTENT_ETAG, context.getHandler()) === true;
    const joined = this.reflector.get<boolean | undefined>(NO_NOT_MODIFIED, context.getHandler()) === true;
    return next.handle().pipe(
      map((body: unknown) => {
        let etag: string;
        if (byContent) etag = contentETagFor(body);
        else {
          const version = versionOf(body);
          if (version === undefined) return body;
          etag = etagFor(version);
        }
        void reply.header('ETag', etag);
        const isRead = !joined && (request.method === 'GET' || request.method === 'HEAD');
        if (isRead && ifNoneMatchMatches(request.headers['if-none-match'], etag)) {
          void reply.status(304);
          return undefined;
        }
        return body;
      }),
    );
  }
}
