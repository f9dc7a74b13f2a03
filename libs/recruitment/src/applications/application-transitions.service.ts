import { AuditService, PreconditionFailedError, Transactional, type Actor } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { ApplicationPermission } from './application-permissions.js';
import { ApplicationInvalid, IllegalApplicationMove } from './application.errors.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService, type ApplicationDetailView } from './applications.service.js';
import { MoveGuards } from './move-guards.js';
import { allowedMoves, pipelineMove, type PipelineStage } from './pipeline.js';

export interface Transition {
  to: PipelineStage;
  /** Why: required for a rejection (kept on the application), recorded for every move. */
  reason?: string | null;
}

/**
 * Moves applications through the pipeline (HR and admins), at the version the caller read (If-Match): the table in
 * `pipeline.ts` says which moves exist (409 naming the allowed ones otherwise), then every registered `MoveGuard`
 * whose move it is may refuse it (the Disability Confident guarantee; offers, checks and appointment next). Each move
 * is a row of `application_stage_moves` (from, to, who, when, why) written with the application's new stage, and an
 * audit entry (never the reason's text).
 */
@Injectable()
export class ApplicationTransitionsService {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly reads: ApplicationsService,
    private readonly guards: MoveGuards,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async transition(actor: Actor, id: string, version: number, input: Transition): Promise<ApplicationDetailView> {
    const application = await this.reads.visible(actor, id, ApplicationPermission.Manage, true);
    if (application.version !== version) throw new PreconditionFailedError('application');
    const settings = (await this.applications.settings(application.vacancyId))!;
    const options = { assessment: settings.hasAssessment };
    const move = pipelineMove(application.stage, input.to, options);
    if (!move) throw new IllegalApplicationMove(application.stage, input.to, allowedMoves(application.stage, options));
    const reason = input.reason?.trim() || null;
    if (move.reasonRequired && reason === null) {
      throw new ApplicationInvalid([{ field: 'reason', message: `a move to ${move.to} says why` }]);
    }
    await this.guards.check({ actor, application, move, reason, settings });

    const now = new Date();
    const moved = await this.applications.updateIfVersion(id, version, {
      stage: move.to,
      stageEnteredAt: now,
      rejectionReason: move.to === 'rejected' ? reason : null,
    });
    if (!moved) throw new PreconditionFailedError('application');
    await this.applications.insertMove({
      applicationId: id,
      fromStage: move.from,
      toStage: move.to,
      movedByUserId: actor.userId,
      movedAt: now,
      reason,
    });
    await this.audit.record(actor, {
      action: 'application.moved',
      entityType: 'application',
      entityId: id,
      changedFields: ['stage', ...(move.to === 'rejected' ? ['rejectionReason'] : [])],
    });
    return this.reads.detail(actor, id);
  }
}
