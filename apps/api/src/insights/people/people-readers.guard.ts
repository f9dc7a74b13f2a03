import { MissingPermission, REQUIRED_PERMISSION, securityEvent } from '@capability/auth';
import { WorkforceInsightsService } from '@capability/insights';
import { type Actor } from '@capability/platform';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

/**
 * The people reports are for HR, admins, heads of profession and line managers. Everyone holds the permission at
 * `team` scope (being a line manager is a fact of the staff records, not a role), so someone who manages nobody is
 * refused here as the permissions guard refuses a missing permission: 403 `forbidden`, and a security event.
 */
@Injectable()
export class PeopleInsightsReadersGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly workforce: WorkforceInsightsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const permission = this.reflector.get<string>(REQUIRED_PERMISSION, context.getHandler());
    const actor = context.switchToHttp().getRequest<{ user?: Actor }>().user;
    if (actor && (await this.workforce.reads(actor, permission))) return true;
    securityEvent('auth.permission-denied', { userId: actor?.userId, permission });
    throw new MissingPermission();
  }
}
