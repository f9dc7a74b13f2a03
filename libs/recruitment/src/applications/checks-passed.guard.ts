import { Injectable } from '@nestjs/common';
import { MoveGuards, type MoveContext, type MoveGuard } from './move-guards.js';
import { ChecksNotPassed } from './offer.errors.js';
import { OffersRepository } from './offers.repository.js';
import type { PipelineMove } from './pipeline.js';

/** Appointment only when every pre-employment check the vacancy requires has passed (422 naming the rest). */
@Injectable()
export class ChecksPassedGuard implements MoveGuard {
  constructor(
    guards: MoveGuards,
    private readonly offers: OffersRepository,
  ) {
    guards.register(this);
  }

  appliesTo(move: PipelineMove): boolean {
    return move.to === 'appointed';
  }

  async check({ application }: MoveContext): Promise<void> {
    const { pending, failed } = await this.offers.checksNotPassed(application.id);
    if (pending.length > 0 || failed.length > 0) throw new ChecksNotPassed(pending, failed);
  }
}
