import { AuditService, PreconditionFailedError, Transactional, type Actor } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { ApplicationPermission } from './application-permissions.js';
import { ApplicationsService } from './applications.service.js';
import { ApplicationNotAtChecks, CheckNotFound } from './offer.errors.js';
import { OffersRepository } from './offers.repository.js';
import type { CheckOutcome, PreEmploymentCheckRow } from './pre-employment-check.entity.js';

export interface CheckDecision {
  state: CheckOutcome;
  /** HR's note (what was seen, or why it failed); never audited by value. */
  note?: string | null;
}

/**
 * The pre-employment checks of an application (HR and admins): created pending when its offer is accepted, one per
 * check its vacancy requires, and decided passed or failed while the application is at the pre-employment checks (a
 * check done again may change its outcome). A failed check lets HR reject the application with a reason (the
 * transitions route); appointment waits for every one to pass (`ChecksPassedGuard`).
 */
@Injectable()
export class PreEmploymentChecksService {
  constructor(
    private readonly offers: OffersRepository,
    private readonly reads: ApplicationsService,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async list(actor: Actor, applicationId: string): Promise<PreEmploymentCheckRow[]> {
    await this.reads.visible(actor, applicationId, ApplicationPermission.Manage);
    return this.offers.checksOf(applicationId);
  }

  /** Decides one check at the version the caller read (If-Match). */
  @Transactional()
  async decide(
    actor: Actor,
    applicationId: string,
    check: string,
    version: number,
    decision: CheckDecision,
  ): Promise<PreEmploymentCheckRow> {
    const application = await this.reads.visible(actor, applicationId, ApplicationPermission.Manage, true);
    if (application.stage !== 'pre-employment-checks') throw new ApplicationNotAtChecks(application.stage);
    const row = await this.offers.findCheck(applicationId, check);
    if (!row) throw new CheckNotFound(check);
    if (row.version !== version) throw new PreconditionFailedError('pre-employment check');
    const note = decision.note?.trim() || null;
    const saved = await this.offers.updateCheckIfVersion(row.id, version, {
      state: decision.state,
      decidedAt: new Date(),
      decidedByUserId: actor.userId,
      note,
    });
    if (!saved) throw new PreconditionFailedError('pre-employment check');
    await this.audit.record(actor, {
      action: 'pre-employment-check.decided',
      entityType: 'pre-employment-check',
      entityId: row.id,
      changedFields: ['state', 'decidedAt', ...(note !== row.note ? ['note'] : [])],
      details: { applicationId, check: row.check, state: decision.state },
    });
    return (await this.offers.findCheck(applicationId, check))!;
  }
}
