import type { Actor } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import type { Application } from './application.entity.js';
import type { ApplicationPatch, PipelineSettingsRow } from './applications.repository.js';
import type { PipelineMove } from './pipeline.js';

/**
 * What a guard sees of a move about to happen: the application locked at the version the caller read. The actor is
 * null when the candidate moved it themselves (accepting an offer on the candidate link).
 */
export interface MoveContext {
  actor: Actor | null;
  application: Application;
  move: PipelineMove;
  reason: string | null;
  settings: PipelineSettingsRow;
}

/**
 * A business rule on some moves of the pipeline, beyond the table (which says only which moves exist): it throws a
 * domain error to refuse the move. Guards register themselves with `MoveGuards` when Nest builds them, so a rule is
 * added by adding a provider (the Disability Confident guarantee; offers only after a passed interview, checks only
 * after an accepted offer, appointment only after every check), never by an `if` in the transitions service.
 */
export interface MoveGuard {
  appliesTo(move: PipelineMove): boolean;
  check(context: MoveContext): Promise<void>;
}

/**
 * What some moves do beyond changing the stage, in the same transaction, once every guard has let the move through
 * and before the application's versioned UPDATE (accepting an offer creates the pending checks; appointment creates
 * the staff record and returns `staffId` for the UPDATE). An effect may still refuse (a domain error rolls it all
 * back). Effects register themselves with `MoveGuards` as guards do.
 */
export interface MoveEffect {
  appliesTo(move: PipelineMove): boolean;
  apply(context: MoveContext): Promise<ApplicationPatch | void>;
}

/** The guards and effects every transition runs, in the order they registered. */
@Injectable()
export class MoveGuards {
  private readonly guards: MoveGuard[] = [];
  private readonly effects: MoveEffect[] = [];

  register(guard: MoveGuard): void {
    this.guards.push(guard);
  }

  registerEffect(effect: MoveEffect): void {
    this.effects.push(effect);
  }

  async check(context: MoveContext): Promise<void> {
    for (const guard of this.guards) if (guard.appliesTo(context.move)) await guard.check(context);
  }

  /** Runs the move's effects; what they return joins the application's UPDATE. */
  async apply(context: MoveContext): Promise<ApplicationPatch> {
    let patch: ApplicationPatch = {};
    for (const effect of this.effects) {
      if (effect.appliesTo(context.move)) patch = { ...patch, ...((await effect.apply(context)) ?? {}) };
    }
    return patch;
  }
}
