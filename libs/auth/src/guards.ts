import { RememberingReflector, type Actor } from '@capability/platform';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AccessTokens, bearerToken } from './access-tokens.js';
import { MissingPermission, Unauthenticated } from './auth.errors.js';
import { PUBLIC_ROUTE, REQUIRED_PERMISSION } from './decorators.js';
import { securityEvent } from './security-log.js';

function isPublic(reflector: RememberingReflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]) === true;
}

/** Global guard 1: a valid access token, unless the route is `@Public()`. The actor goes on `request.user`. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: RememberingReflector,
    private readonly tokens: AccessTokens,
  ) {}

  /** Synchronous when the token and its user are already known (no promise for most requests). */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (isPublic(this.reflector, context)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Actor }>();
    let actor: Actor | Promise<Actor>;
    try {
      const token = bearerToken(request.headers.authorization);
      if (!token) throw new Unauthenticated('No bearer token');
      actor = this.tokens.authenticate(token);
    } catch (err) {
      this.refuse(err, request);
    }
    if (!(actor instanceof Promise)) {
      request.user = actor;
      return true;
    }
    return actor.then(
      (known) => {
        request.user = known;
        return true;
      },
      (err: unknown) => this.refuse(err, request),
    );
  }

  /**
   * A refused token: 401, and one security event when a credential was sent. Anything that is not a
   * verdict on the token (the database is down, say) passes on untouched for the problem filter to
   * answer (503), and stays out of the security log, whose reason would carry the driver's message.
   */
  refuse(err: unknown, request: Pick<FastifyRequest, 'headers' | 'ip'>): never {
    if (!(err instanceof Unauthenticated)) throw err;
    if (request.headers.authorization) securityEvent('auth.token-rejected', { reason: err.message, ip: request.ip });
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
