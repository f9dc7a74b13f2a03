import { RememberingReflector, type Actor } from '@capability/platform';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { MissingPermission, Unauthenticated } from './auth.errors.js';
import { PUBLIC_ROUTE, REQUIRED_PERMISSION } from './decorators.js';
import { securityEvent } from './security-log.js';

function isPublic(reflector: RememberingReflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]) === true;
}

/**
 * Global guard 1: a valid access token (JwtStrategy, through passport), unless the route is
 * `@Public()`. The actor goes on `request.user`.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: RememberingReflector) {
    super();
  }

  override canActivate(context: ExecutionContext): ReturnType<CanActivate['canActivate']> {
    return isPublic(this.reflector, context) || super.canActivate(context);
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
 * Global guard 2: deny by default. A route passes only if it is public or declares a permission the
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
