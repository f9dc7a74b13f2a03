import { CandidateLinkService, type CandidateLinkSession } from '@capability/recruitment';
import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

type LinkRequest = Pick<FastifyRequest, 'headers' | 'ip'> & { candidateLink?: CandidateLinkSession };

/**
 * The candidate link's guard, on the `/candidate-link` routes only (they are `@Public()` to the JWT and permission
 * guards, so no user's access token is read there, and this guard accepts nothing but a live link token of the
 * `candidate-link` purpose). `Authorization: Bearer cl_…`; anything else is 401, and a client with too many refused
 * is 429 (CandidateLinkService.authenticate). Elsewhere a link token is no access token: the JWT guard refuses it.
 */
@Injectable()
export class CandidateLinkGuard implements CanActivate {
  constructor(private readonly links: CandidateLinkService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<LinkRequest>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    request.candidateLink = await this.links.authenticate(token, request.ip, 'candidate-link');
    return true;
  }
}

/** The session CandidateLinkGuard opened: the candidate the link was issued to. */
export const LinkSession = createParamDecorator((_: unknown, ctx: ExecutionContext): CandidateLinkSession => {
  const session = ctx.switchToHttp().getRequest<LinkRequest>().candidateLink;
  if (!session) throw new Error('LinkSession used on a route without CandidateLinkGuard');
  return session;
});
