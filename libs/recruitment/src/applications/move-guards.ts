import type { Actor } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import type { Application } from './application.entity.js';
import type { PipelineSettingsRow } from './applications.repository.js';
import type { PipelineMove } from './pipeline.js';

/** What a guard sees of a move about to happen: the application locked at the version the caller read. */
export interface MoveContext {
  actor: Actor;
  application: Application;
  move: PipelineMove;
  reason: string | null;
  settings: PipelineSettingsRow;
}

/**
 * A business rule on some moves of the pipeline, beyond the table (which says only which moves exist): it throws a
 * domain error to refuse the move. Guards register themselves with `MoveGuards` when Nest builds them, so a rule is
 * added by adding a provider (the Disability Confident guarantee now; offers, pre-employment checks and appointment
 * next), never by an `if` in the transitions service.
 */
export interface MoveGuard {
  appliesTo(move: PipelineMove): boolean;
  check(context: MoveContext): Promise<void>;
}

/** The guards every transition runs, in the order they registered. */
@Injectable()
export class MoveGuards {
  private readonly guards: MoveGuard[] = [];

  register(guard: MoveGuard): void {
    this.guards.push(guard);
  }

  async check(context: MoveContext): Promise<void> {
    for (const guard of this.guards) if (guard.appliesTo(context.move)) await guard.check(context);
  }
}
