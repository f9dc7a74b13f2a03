import type { SignedInSession } from '@capability/auth';
import type { Actor } from '@capability/platform';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { navigationFor } from './navigation.js';

/** The session's fields the pages show (kept from sign-in). */
export interface PageSession extends SignedInSession {
  displayName?: string;
  /** A one-off message for the next page (a confirmation), shown once. */
  flash?: string;
}

/**
 * After the guards: what every page's layout shows of the signed-in user (their name, the sign-out
 * form, the sections their permissions reach), and a confirmation left by the previous request.
 */
@Injectable()
export class PageLocalsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: Actor; session: PageSession }>();
    const reply = http.getResponse<FastifyReply>();
    const actor = request.user;
    const session = request.session;
    const flash = session.flash;
    if (flash && request.method === 'GET') session.flash = undefined;
    reply.locals = {
      ...reply.locals,
      ...(actor
        ? {
            user: { displayName: session.displayName ?? '' },
            navigation: navigationFor(actor, request.url.split('?')[0] ?? '/'),
          }
        : {}),
      ...(flash && request.method === 'GET' ? { flash, flashSuccess: true } : {}),
    };
    return next.handle();
  }
}
