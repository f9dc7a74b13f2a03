import { Injectable } from '@nestjs/common';
import { MoveGuards, type MoveContext, type MoveGuard } from './move-guards.js';
import { OfferNotAccepted } from './offer.errors.js';
import { OffersRepository } from './offers.repository.js';
import type { PipelineMove } from './pipeline.js';

/**
 * The pre-employment checks (and so appointment) follow an accepted offer: accepting one makes that move itself
 * (`OffersService.respond`), so a move there by hand without one is refused.
 */
@Injectable()
export class OfferAcceptedGuard implements MoveGuard {
  constructor(
    guards: MoveGuards,
    private readonly offers: OffersRepository,
  ) {
    guards.register(this);
  }

  appliesTo(move: PipelineMove): boolean {
    return move.to === 'pre-employment-checks' || move.to === 'appointed';
  }

  async check({ application, move }: MoveContext): Promise<void> {
    if (!(await this.offers.accepted(application.id))) throw new OfferNotAccepted(move.to);
  }
}
