import { RememberingReflector, type Actor } from '@capability/platform';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { actorOf } from './actors.js';
import { MissingPermission, Unauthenticated } from './auth.errors.js';
import { PUBLIC_ROUTE, REQUIRED_PERMISSION, WEB_PAGE } from './decorators.js';
import { securityEvent } from './security-log.js';
import { UsersRepository } from './users.repository.js';
import type { StoredSession } from './web-sessions.repository.js';

function isPublic(reflector: RememberingReflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]) === true;
}

function isWebPage(reflector: RememberingReflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(WEB_PAGE, [context.getHandler(), context.getClass()]) === true;
}

/** A web page asked for without a live session: the page layer sends the browser to the sign-in page. */
export class SignInRequired extends Unauthenticated {
  constructor(detail = 'Sign in to use this service') {
    super(detail);
  }
}

/** The browser session's fields the guard reads (set at sign-in). */
export interface SignedInSession extends StoredSession {
  userId?: string;
  /** Epoch milliseconds: a sign-out everywhere after it (tokensValidAfter) ends this session. */
  signedInAt?: number;
  destroy?: () => Promise<void>;
}

/**
 * Global guard 1: a valid access token (API routes; web pages are the session guard's) (JwtStrategy, through passport), unless the route is
 * `@Public()`. The actor goes on `request.user`.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: RememberingReflector) {
    super();
  }

  override canActivate(context: ExecutionContext): ReturnType<CanActivate['canActivate']> {
    return isPublic(this.reflector, context) || isWebPage(this.reflector, context) || super.canActivate(context);
  }

  /**
   * passport's verdict. A refused token (`info` from passport-jwt: none sent, a bad signature, expired;
   * or an Unauthenticated from the strategy) is answered 401, with one security event when a
   * credential was sent. Anything that is not a verdict on the token (the database is down while the
   * user is read, say) passes on untouched for the problem filter to answer (503), and stays out of the
   * security log, whose reason would carry the driver's message.
   */
  override handleRequest<TUser = Actor>(
    err: Error | null,
    user: unknown,
    info: unknown,
    context: ExecutionContext,
  ): TUser {
    if (err && !(err instanceof Unauthenticated)) throw err;
    if (!err && user) return user as TUser;
    const request = context.switchToHttp().getRequest<Pick<FastifyRequest, 'headers' | 'ip'>>();
    const reason = err ?? info;
    if (request.headers.authorization) {
      securityEvent('auth.token-rejected', {
        reason: reason instanceof Error ? reason.message : 'The access token is not valid',
        ip: request.ip,
      });
    }
    throw new Unauthenticated(
      request.headers.authorization ? 'The access token is not valid; sign in again' : undefined,
    );
  }
}

/**
 * Global guard 2: the web pages' browser session (@fastify/session, stored in PostgreSQL). The user it
 * names is read as a token's is (from memory while database notifications can correct it), so a
 * disabled account, or a sign-out everywhere since the session began, ends it at once. The actor goes
 * on `request.user`, as the JWT strategy's does, and the same permissions and scopes apply. A public page
 * (sign-in) passes without one; any other page without one is a SignInRequired.
 */
@Injectable()
export class SessionAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: RememberingReflector,
    private readonly users: UsersRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!isWebPage(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<{ session?: SignedInSession; user?: Actor }>();
    const session = request.session;
    const publicPage = isPublic(this.reflector, context);
    if (!session?.userId) {
      if (publicPage) return true;
      throw new SignInRequired();
    }
    const user = await this.users.findForAuthentication(session.userId);
    if (!user || user.disabledAt || (session.signedInAt ?? 0) < user.tokensValidAfter.getTime()) {
      await session.destroy?.();
      if (publicPage) return true;
      throw new SignInRequired('Your session has ended; sign in again');
    }
    request.user = actorOf(user);
    return true;
  }
}

/**
 * Global guard 3: deny by default. A route passes only if it is public or declares a permission the
 * actor holds (at any scope; the service narrows by scope).
 */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(private readonly reflector: RememberingReflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (isPublic(this.reflector, context)) return true;
    const permission = this.reflector.get<string | undefined>(REQUIRED_PERMISSION, context.getHandler());
    const actor = context.switchToHttp().getRequest<{ user?: Actor }>().user;
    if (!permission || !actor) throw new MissingPermission();
    if ((actor.permissions[permission]?.length ?? 0) === 0) {
      securityEvent('auth.permission-denied', { userId: actor.userId, permission });
      throw new MissingPermission();
    }
    return true;
  }
}
