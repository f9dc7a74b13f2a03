import type { Actor } from '@capability/platform';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { MissingPermission, Unauthenticated } from './auth.errors.js';
import { PUBLIC_ROUTE, REQUIRED_PERMISSION } from './decorators.js';
import { securityEvent } from './security-log.js';

function isPublic(reflector: Reflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]) === true;
}

/** Global guard 1: a valid access token, unless the route is `@Public()`. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (isPublic(this.reflector, context)) return true;
    return super.canActivate(context) as Promise<boolean>;
  }

  override handleRequest<TUser = Actor>(
    err: unknown,
    user: TUser | false,
    info: unknown,
    context: ExecutionContext,
  ): TUser {
    if (err || !user) {
      const request = context.switchToHttp().getRequest<FastifyRequest>();
      // Not a verdict on the token (the database is down, say): let the problem filter answer it
      // (503), and keep it out of the security log, whose reason would carry the driver's message.
      if (err instanceof Error && !(err instanceof Unauthenticated) && (err as { status?: number }).status !== 401) {
        throw err;
      }
      const reason = err instanceof Error ? err.message : info instanceof Error ? info.message : 'no token';
      if (request.headers.authorization) securityEvent('auth.token-rejected', { reason, ip: request.ip });
      throw new Unauthenticated(
        request.headers.authorization ? 'The access token is not valid; sign in again' : undefined,
      );
    }
    return user;
  }
}

/**
 * Global guard 2: deny by default. A route passes only if it is public or declares a permission the
 * actor holds (at any scope; the service narrows by scope).
 */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

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
