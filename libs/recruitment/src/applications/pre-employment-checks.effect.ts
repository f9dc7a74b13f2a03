import { Injectable } from '@nestjs/common';
import { MoveGuards, type MoveContext, type MoveEffect } from './move-guards.js';
import { OffersRepository } from './offers.repository.js';
import type { PipelineMove } from './pipeline.js';

/** Reaching the pre-employment checks creates the vacancy's required checks for the application, pending. */
@Injectable()
export class PreEmploymentChecksEffect implements MoveEffect {
  constructor(
    guards: MoveGuards,
    private readonly offers: OffersRepository,
  ) {
    guards.registerEffect(this);
  }

  appliesTo(move: PipelineMove): boolean {
    return move.to === 'pre-employment-checks';
  }

  async apply({ application }: MoveContext): Promise<void> {
    await this.offers.insertPendingChecks(application.id, application.vacancyId);
  }
}
