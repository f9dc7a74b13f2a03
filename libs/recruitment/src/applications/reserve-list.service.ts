import { AuditService, Transactional, type Actor } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { ApplicationPermission } from './application-permissions.js';
import { DuplicateApplication } from './application.errors.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService, type ApplicationDetailView } from './applications.service.js';
import { NotOnReserveList, ReservePlacementInvalid } from './offer.errors.js';
import { OffersRepository } from './offers.repository.js';

/** The reason the expiry job gives each entry it withdraws. */
export const RESERVE_LIST_EXPIRED = 'reserve list expired';

/**
 * Reserve lists: an application at `reserve` is on its vacancy's list from when it entered that stage, for the
 * vacancy's reserve-list months; the daily `expire-reserve-lists` job then withdraws it (reason "reserve list
 * expired", the move recorded with no user). Until then HR may move it to an offer for its own vacancy (the pipeline's
 * reserve → offer), or offer the candidate a matching vacancy: another vacancy of the same campaign at the same role
 * level, not a draft or withdrawn. That makes a new application (candidate × that vacancy, naming the reserve entry
 * as its source) straight at the offer stage, its first move recorded from nothing to offer with where it came from;
 * the reserve entry stays on its list until it expires or HR moves it.
 */
@Injectable()
export class ReserveListService {
  constructor(
    private readonly offers: OffersRepository,
    private readonly applications: ApplicationsRepository,
    private readonly reads: ApplicationsService,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async offerMatchingVacancy(actor: Actor, applicationId: string, vacancyId: string): Promise<ApplicationDetailView> {
    const entry = await this.reads.visible(actor, applicationId, ApplicationPermission.Manage, true);
    if (entry.stage !== 'reserve') throw new NotOnReserveList(entry.stage);
    const from = (await this.offers.vacancyTerms(entry.vacancyId))!;
    const to = await this.offers.vacancyTerms(vacancyId);
    const problems: { field: string; message: string }[] = [];
    if (!to) problems.push({ field: 'vacancyId', message: 'no such vacancy' });
    else {
      if (to.id === from.id) problems.push({ field: 'vacancyId', message: 'the reserve entry is for this vacancy' });
      if (to.campaignId !== from.campaignId) {
        problems.push({ field: 'vacancyId', message: 'a vacancy of another campaign' });
      }
      if (to.roleLevelId !== from.roleLevelId) {
        problems.push({ field: 'vacancyId', message: 'a vacancy at another role level' });
      }
      if (to.state === 'draft' || to.state === 'withdrawn') {
        problems.push({ field: 'vacancyId', message: `the vacancy is ${to.state}` });
      }
    }
    if (problems.length > 0) throw new ReservePlacementInvalid(problems);
    const existing = await this.applications.existing(entry.candidateId, vacancyId);
    if (existing) throw new DuplicateApplication(existing);
    const id = await this.offers.insertFromReserve(
      entry,
      vacancyId,
      actor.userId,
      `From the reserve list of ${from.title}`,
    );
    await this.audit.record(actor, {
      action: 'application.created',
      entityType: 'application',
      entityId: id,
      changedFields: ['candidateId', 'vacancyId', 'sourceApplicationId'],
      details: { fromReserveList: true },
    });
    return this.reads.detail(actor, id);
  }

  /** Withdraws the entries whose reserve list has run out as of `at` (the daily job); audited with no actor. */
  @Transactional()
  async expire(at: Date = new Date()): Promise<number> {
    const ids = await this.offers.expireReserveLists(at, RESERVE_LIST_EXPIRED);
    await this.audit.recordEach(
      null,
      {
        action: 'application.moved',
        entityType: 'application',
        changedFields: ['stage'],
        details: { automatic: true, reason: RESERVE_LIST_EXPIRED },
      },
      ids,
    );
    return ids.length;
  }
}
