import type { Actor } from '@capability/platform';
import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { Permission } from './permissions.js';

export const PUBLIC_ROUTE = 'auth:public';
/** A web page: authenticated by the browser session (SessionAuthGuard), never by a bearer token. */
export const WEB_PAGE = 'auth:web-page';
export const REQUIRED_PERMISSION = 'auth:permission';

/** The only way out of the deny-by-default guards. */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension('x-public', true));

/** Every non-public route declares the one permission it needs. Scope is then checked in the service. */
export const RequirePermission = (permission: Permission): MethodDecorator =>
  applyDecorators(
    SetMetadata(REQUIRED_PERMISSION, permission),
    ApiBearerAuth(),
    ApiExtension('x-permission', permission),
  );

/** The acting user, as the JWT strategy built it. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<{ user?: Actor }>();
  if (!request.user) throw new Error('CurrentActor used on a route without authentication');
  return request.user;
});
