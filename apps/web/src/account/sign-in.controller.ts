import {
  AuthService,
  InvalidCredentials,
  Permission,
  Public,
  RequirePermission,
  TooManyLoginFailures,
} from '@capability/auth';
import type { Actor } from '@capability/platform';
import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeNext } from '../error-pages.js';
import type { PageSession } from '../page-locals.interceptor.js';
import { Page } from '../page.decorator.js';
import { WebController } from '../web-controller.decorator.js';

type PageRequest = FastifyRequest & { session: PageSession & FastifyRequest['session']; user?: Actor };

interface SignInForm {
  email?: unknown;
  password?: unknown;
  next?: unknown;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Signing in with an account of this service, and out. The check is the API's (AuthService.authenticate:
 * the same login limits, security events and audit); a new session id is issued at sign-in (no fixation).
 */
@WebController()
export class SignInController {
  constructor(private readonly auth: AuthService) {}

  @Get('sign-in')
  @Public()
  @Page()
  signInPage(@Req() request: PageRequest, @Res() reply: FastifyReply, @Query('next') next?: string): FastifyReply {
    if (request.session.userId && request.user) return reply.redirect(safeNext(next), 303);
    return reply.view('pages/sign-in.njk', { next: safeNext(next), values: {}, fieldErrors: {} });
  }

  @Post('sign-in')
  @Public()
  @Page()
  async signIn(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Body() form: SignInForm,
  ): Promise<FastifyReply> {
    const email = text(form.email).trim();
    const password = text(form.password);
    const next = safeNext(form.next);
    const fieldErrors: Record<string, string> = {};
    if (email === '') fieldErrors.email = 'Enter your email address';
    if (password === '') fieldErrors.password = 'Enter your password';
    const again = (status: number, errors: Record<string, string>): FastifyReply =>
      reply.code(status).view('pages/sign-in.njk', {
        next,
        values: { email },
        fieldErrors: errors,
        errors: Object.entries(errors).map(([field, message]) => ({ text: message, href: `#${field}` })),
      });
    if (Object.keys(fieldErrors).length > 0) return again(400, fieldErrors);
    try {
      const user = await this.auth.authenticate(email, password, { ip: request.ip });
      await request.session.regenerate();
      request.session.userId = user.id;
      request.session.signedInAt = Date.now();
      request.session.displayName = user.displayName;
      return reply.redirect(next, 303);
    } catch (err) {
      if (err instanceof InvalidCredentials) return again(401, { email: err.message });
      if (err instanceof TooManyLoginFailures) {
        const seconds = Number(err.extensions.retryAfterSeconds) || 60;
        void reply.header('Retry-After', String(seconds));
        const minutes = Math.ceil(seconds / 60);
        return again(429, {
          email: `Too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
        });
      }
      throw err;
    }
  }

  /** Signs out of this browser; with `everywhere`, every session of the user (web and API) ends. */
  @Post('sign-out')
  @RequirePermission(Permission.MeRead)
  @Page()
  async signOut(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Body() form: { everywhere?: unknown },
  ): Promise<FastifyReply> {
    const everywhere = form.everywhere === 'true';
    if (request.user) await this.auth.logout(request.user.userId, undefined, everywhere);
    await request.session.destroy();
    return reply.redirect(everywhere ? '/signed-out?everywhere=true' : '/signed-out', 303);
  }

  @Get('signed-out')
  @Public()
  @Page()
  signedOut(@Res() reply: FastifyReply, @Query('everywhere') everywhere?: string): FastifyReply {
    return reply.view('pages/signed-out.njk', { everywhere: everywhere === 'true' });
  }
}
