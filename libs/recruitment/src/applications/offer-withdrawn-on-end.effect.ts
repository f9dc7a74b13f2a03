import { AuditService } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { MoveGuards, type MoveContext, type MoveEffect } from './move-guards.js';
import { OffersRepository } from './offers.repository.js';
import type { PipelineMove } from './pipeline.js';

/**
 * An application that ends (rejected, or withdrawn by the candidate or HR) while its offer is still unanswered takes
 * the offer with it: the made offer is withdrawn, saying why, so the candidate link cannot accept it afterwards and
 * the offer figures do not count it as pending. An accepted offer stays as it was (the history of a candidate who
 * accepted and then failed a check or left the process); the application's final stage says how it ended.
 */
@Injectable()
export class OfferWithdrawnOnEndEffect implements MoveEffect {
  constructor(
    guards: MoveGuards,
    private readonly offers: OffersRepository,
    private readonly audit: AuditService,
  ) {
    guards.registerEffect(this);
  }

  appliesTo(move: PipelineMove): boolean {
    return move.to === 'rejected' || move.to === 'withdrawn';
  }

  async apply({ actor, application, move }: MoveContext): Promise<void> {
    const reason = move.to === 'rejected' ? 'The application was rejected' : 'The application was withdrawn';
    const id = await this.offers.withdrawMade(application.id, new Date(), reason);
    if (!id) return;
    await this.audit.record(actor, {
      action: 'offer.withdrawn',
      entityType: 'offer',
      entityId: id,
      changedFields: ['state', 'withdrawnAt', 'withdrawalReason'],
      details: { automatic: true, applicationMovedTo: move.to },
    });
  }
}
