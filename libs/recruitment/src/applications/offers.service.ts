import { AuditService, PreconditionFailedError, Transactional, type Actor } from '@capability/platform';
import { today } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import { ApplicationPermission } from './application-permissions.js';
import { ApplicationTransitionsService } from './application-transitions.service.js';
import type { Application } from './application.entity.js';
import { ApplicationNotFound } from './application.errors.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService } from './applications.service.js';
import type { Offer, OfferResponder } from './offer.entity.js';
import {
  ApplicationNotAtOfferStage,
  OfferExists,
  OfferExpired,
  OfferInvalid,
  OfferNotFound,
  OfferNotOpen,
  OfferSalaryOutOfRange,
} from './offer.errors.js';
import { OffersRepository } from './offers.repository.js';

export interface NewOffer {
  /** Whole pounds a year, within the vacancy's range. */
  salary: number;
  /** ISO dates: the first day in post, and the last day the offer may be accepted (today or later, not after it). */
  startsOn: string;
  expiresOn: string;
  /** One of the vacancy's locations; by default its only one, when it has one. */
  locationId?: string | null;
}

export type OfferDecision = 'accepted' | 'declined';

/** An offer, with the stage and version its application is at after the change. */
export interface OfferView {
  offer: Offer;
  application: { id: string; stage: Application['stage']; version: number };
}

/**
 * Offers (HR and admins; panel members and heads of profession never see their terms). An offer is made to an
 * application at the offer stage (which the pipeline reaches only after a passed interview, `InterviewPassedGuard`),
 * at a salary within the vacancy's range, one live offer at a time (`uq_offers_application_live`, under the
 * application's lock). HR records the candidate's answer, or the candidate gives it on the candidate link
 * (`respondAsCandidate`): accepting moves the application to the pre-employment checks (which creates the checks its
 * vacancy requires, pending); declining leaves it at the offer stage for HR to make another offer or close it. HR may
 * withdraw a made offer; the daily `expire-offers` job expires those not answered by their last day. Every change and
 * every read is audited (the ids and field names, never the terms).
 */
@Injectable()
export class OffersService {
  constructor(
    private readonly offers: OffersRepository,
    private readonly applications: ApplicationsRepository,
    private readonly reads: ApplicationsService,
    private readonly transitions: ApplicationTransitionsService,
    private readonly audit: AuditService,
  ) {}

  /** Every offer of an application, newest first. */
  @Transactional()
  async forApplication(actor: Actor, applicationId: string): Promise<Offer[]> {
    await this.reads.visible(actor, applicationId, ApplicationPermission.Manage);
    const found = await this.offers.forApplication(applicationId);
    await this.audit.recordEach(
      actor,
      { action: 'offer.read', entityType: 'offer' },
      found.map((o) => o.id),
    );
    return found;
  }

  @Transactional()
  async get(actor: Actor, id: string): Promise<OfferView> {
    const offer = await this.offers.find(id);
    if (!offer) throw new OfferNotFound(id);
    const application = await this.visibleOrMissing(actor, offer);
    await this.audit.record(actor, { action: 'offer.read', entityType: 'offer', entityId: id });
    return this.view(offer, application);
  }

  @Transactional()
  async make(actor: Actor, applicationId: string, input: NewOffer): Promise<OfferView> {
    // The application's lock makes two racing offers take turns; the partial unique index holds it regardless.
    const application = await this.reads.visible(actor, applicationId, ApplicationPermission.Manage, true);
    if (application.stage !== 'offer') throw new ApplicationNotAtOfferStage(application.stage);
    const live = await this.offers.live(applicationId);
    if (live) throw new OfferExists(live.id, live.state);
    const vacancy = (await this.offers.vacancyTerms(application.vacancyId))!;
    if (input.salary < vacancy.salaryMin || input.salary > vacancy.salaryMax) {
      throw new OfferSalaryOutOfRange(input.salary, vacancy.salaryMin, vacancy.salaryMax);
    }
    const day = today();
    const problems: { field: string; message: string }[] = [];
    if (input.expiresOn < day) problems.push({ field: 'expiresOn', message: 'the last day to accept has passed' });
    if (input.startsOn < day) problems.push({ field: 'startsOn', message: 'the start date has passed' });
    if (input.expiresOn > input.startsOn) {
      problems.push({ field: 'expiresOn', message: 'the offer is accepted by the start date at the latest' });
    }
    let locationId = input.locationId ?? null;
    if (locationId !== null && !vacancy.locationIds.includes(locationId)) {
      problems.push({ field: 'locationId', message: "not one of the vacancy's locations" });
    }
    if (input.locationId === undefined && vacancy.locationIds.length === 1) locationId = vacancy.locationIds[0]!;
    if (problems.length > 0) throw new OfferInvalid(problems);
    const id = await this.offers.insert({
      applicationId,
      salary: input.salary,
      startsOn: input.startsOn,
      expiresOn: input.expiresOn,
      locationId,
      madeAt: new Date(),
      madeByUserId: actor.userId,
    });
    await this.audit.record(actor, {
      action: 'offer.made',
      entityType: 'offer',
      entityId: id,
      changedFields: ['salary', 'startsOn', 'expiresOn', 'locationId'],
      details: { applicationId },
    });
    return this.view((await this.offers.find(id))!, application);
  }

  /** HR records the candidate's answer (If-Match: the offer's version). */
  @Transactional()
  async respond(actor: Actor, id: string, version: number, decision: OfferDecision): Promise<OfferView> {
    const found = await this.offers.find(id);
    if (!found) throw new OfferNotFound(id);
    const application = await this.reads.visible(actor, found.applicationId, ApplicationPermission.Manage, true);
    const offer = (await this.offers.find(id, true))!;
    if (offer.version !== version) throw new PreconditionFailedError('offer');
    return this.answer(actor, offer, application, decision, 'hr');
  }

  /**
   * The application's offers, newest first, for the candidate link (which has checked the application is the
   * session candidate's). The read is audited with no user.
   */
  @Transactional()
  async forCandidate(applicationId: string): Promise<Offer[]> {
    const found = await this.offers.forApplicationWithLocation(applicationId);
    await this.audit.recordEach(
      null,
      { action: 'offer.read', entityType: 'offer', details: { by: 'candidate' } },
      found.map((o) => o.id),
    );
    return found;
  }

  /** The application an offer is of, or null when there is no such offer (the candidate link's ownership check). */
  async applicationOf(offerId: string): Promise<string | null> {
    return (await this.offers.find(offerId))?.applicationId ?? null;
  }

  /**
   * The candidate's own answer to an offer, for the candidate link (which has checked the offer is theirs): no actor,
   * so the move and the audit entry name no user, and the offer says the candidate answered. Saying the same again
   * (a retried request) answers with the offer as it stands; any other answer to an offer no longer made is 409.
   * The offer comes back with its location.
   */
  @Transactional()
  async respondAsCandidate(offerId: string, decision: OfferDecision): Promise<OfferView> {
    const found = await this.offers.find(offerId);
    if (!found) throw new OfferNotFound(offerId);
    const application = await this.applications.find(found.applicationId, 'TRUE', [], true);
    if (!application) throw new OfferNotFound(offerId);
    const offer = (await this.offers.find(offerId, true))!;
    const view =
      offer.state === decision && offer.respondedBy === 'candidate'
        ? this.view(offer, application)
        : await this.answer(null, offer, application, decision, 'candidate');
    return { ...view, offer: (await this.offers.findWithLocation(offerId))! };
  }

  /** HR withdraws a made offer, saying why (If-Match: the offer's version); the application stays at the offer. */
  @Transactional()
  async withdraw(actor: Actor, id: string, version: number, reason: string): Promise<OfferView> {
    const found = await this.offers.find(id);
    if (!found) throw new OfferNotFound(id);
    const application = await this.reads.visible(actor, found.applicationId, ApplicationPermission.Manage, true);
    const offer = (await this.offers.find(id, true))!;
    if (offer.version !== version) throw new PreconditionFailedError('offer');
    if (offer.state !== 'made') throw new OfferNotOpen(offer.state);
    const withdrawalReason = reason.trim();
    if (!withdrawalReason) throw new OfferInvalid([{ field: 'reason', message: 'a withdrawal says why' }]);
    if (
      !(await this.offers.updateIfVersion(id, version, {
        state: 'withdrawn',
        withdrawnAt: new Date(),
        withdrawalReason,
      }))
    ) {
      throw new PreconditionFailedError('offer');
    }
    await this.audit.record(actor, {
      action: 'offer.withdrawn',
      entityType: 'offer',
      entityId: id,
      changedFields: ['state', 'withdrawnAt', 'withdrawalReason'],
    });
    return this.view((await this.offers.find(id))!, application);
  }

  /** Expires every made offer whose last day to accept is before `day` (the daily job); audited with no actor. */
  @Transactional()
  async expireOverdue(day: string, at: Date = new Date()): Promise<number> {
    const ids = await this.offers.expire(day, at);
    await this.audit.recordEach(
      null,
      { action: 'offer.expired', entityType: 'offer', changedFields: ['state'], details: { automatic: true } },
      ids,
    );
    return ids.length;
  }

  private async answer(
    actor: Actor | null,
    offer: Offer,
    application: Application,
    decision: OfferDecision,
    by: OfferResponder,
  ): Promise<OfferView> {
    if (offer.state !== 'made') throw new OfferNotOpen(offer.state);
    if (decision === 'accepted' && offer.expiresOn < today()) throw new OfferExpired(offer.expiresOn);
    const updated = await this.offers.updateIfVersion(offer.id, offer.version, {
      state: decision,
      respondedAt: new Date(),
      respondedBy: by,
      responseRecordedByUserId: actor?.userId ?? null,
    });
    if (!updated) throw new PreconditionFailedError('offer');
    await this.audit.record(actor, {
      action: `offer.${decision}`,
      entityType: 'offer',
      entityId: offer.id,
      changedFields: ['state', 'respondedAt', 'respondedBy'],
      details: { respondedBy: by },
    });
    if (decision === 'accepted') {
      await this.transitions.moveLocked(actor, application, { to: 'pre-employment-checks', reason: 'Offer accepted' });
    }
    return this.view((await this.offers.find(offer.id))!, (await this.applications.find(application.id, 'TRUE', []))!);
  }

  private async visibleOrMissing(actor: Actor, offer: Offer): Promise<Application> {
    try {
      return await this.reads.visible(actor, offer.applicationId, ApplicationPermission.Manage);
    } catch (e) {
      if (e instanceof ApplicationNotFound) throw new OfferNotFound(offer.id);
      throw e;
    }
  }

  private view(offer: Offer, application: Application): OfferView {
    return { offer, application: { id: application.id, stage: application.stage, version: application.version } };
  }
}
