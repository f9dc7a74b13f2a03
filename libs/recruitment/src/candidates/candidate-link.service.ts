import { AppConfig, AuditService, NotificationOutbox, Transactional, type Actor } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { DEFAULT_IPV6_SUBNET_PREFIX, normalizeIp } from '@nestjs/throttler';
import { createHash, randomBytes } from 'node:crypto';
import { ApplicationNotFound } from '../applications/application.errors.js';
import { ApplicationsService } from '../applications/applications.service.js';
import type { Offer } from '../applications/offer.entity.js';
import { OfferNotFound } from '../applications/offer.errors.js';
import { OffersService, type OfferDecision, type OfferView } from '../applications/offers.service.js';
import type { DiversityAnswers } from '../privacy/diversity.js';
import { DiversityService } from '../privacy/diversity.service.js';
import type { CandidateLinkPurpose } from './candidate-link-token.entity.js';
import { CandidateAnonymised, CandidateLinkInvalid, TooManyCandidateLinkFailures } from './candidate-link.errors.js';
import {
  CandidateLinkRepository,
  type CandidateLinkRow,
  type CandidateLinkViewRow,
} from './candidate-link.repository.js';
import { readsCandidates } from './candidate-permissions.js';
import { CandidateNotFound } from './candidate.errors.js';

/** The window refused links are counted in, per client address (as failed sign-ins are). */
export const CANDIDATE_LINK_FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** The Notify template key of the email that carries a link (NOTIFY_TEMPLATES maps it to a template id). */
export const CANDIDATE_LINK_TEMPLATE = 'candidate-link';
/** Every token starts so, then 32 random bytes in base64url (43 characters). */
const TOKEN_PREFIX = 'cl_';
const TOKEN_FORMAT = /^cl_[A-Za-z0-9_-]{43}$/;

/** Who is on the other end of a candidate-link request: the candidate the token was issued to. */
export type CandidateLinkSession = CandidateLinkRow;

/** What HR is told about a link it issued: never the token (that exists only in the email). */
export interface IssuedCandidateLink {
  id: string;
  candidateId: string;
  purpose: CandidateLinkPurpose;
  issuedAt: Date;
  expiresAt: Date;
}

function hash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * The candidate link: HR issues (or reissues: earlier live links of the candidate stop working) a single-purpose,
 * expiring token, which is emailed to the candidate through the outbox and stored only as its hash. With it the
 * candidate reaches the `/candidate-link/*` routes and nothing else: their name and applications, their consent to be
 * kept, their diversity-monitoring answers, reasonable adjustments and Disability Confident per application, and
 * their offers (the terms, and their answer: accept or decline).
 * Refused tokens are counted per client address in PostgreSQL (CANDIDATE_LINK_RATE_LIMIT in 15 minutes, then 429).
 */
@Injectable()
export class CandidateLinkService {
  private readonly ttlDays: number;
  private readonly failureLimit: number;
  private readonly publicUrl: string;

  constructor(
    private readonly links: CandidateLinkRepository,
    private readonly applications: ApplicationsService,
    private readonly offers: OffersService,
    private readonly diversity: DiversityService,
    private readonly outbox: NotificationOutbox,
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    this.ttlDays = config.recruitment.candidateLinkTtlDays;
    this.failureLimit = config.recruitment.candidateLinkRateLimit;
    this.publicUrl = config.http.publicUrl;
  }

  /** Issues a link to the candidate and queues the email that carries it (HR and admins; anyone else 404). */
  @Transactional()
  async issue(actor: Actor, candidateId: string): Promise<IssuedCandidateLink> {
    const recipient = readsCandidates(actor) ? await this.links.recipient(candidateId) : null;
    if (!recipient) throw new CandidateNotFound(candidateId);
    if (recipient.anonymised) throw new CandidateAnonymised(candidateId);
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const purpose: CandidateLinkPurpose = 'candidate-link';
    const issued = await this.links.issue(candidateId, purpose, hash(token), this.ttlDays, actor.userId);
    await this.outbox.enqueue({
      template: CANDIDATE_LINK_TEMPLATE,
      emailAddress: recipient.email,
      personalisation: {
        name: recipient.fullName,
        // In the fragment: browsers never send it to a server, so no request log holds it.
        link: `${this.publicUrl}/candidate-link#token=${token}`,
        expires: issued.expiresAt.toISOString().slice(0, 10),
      },
      dedupeKey: `candidate-link:${candidateId}:${issued.id}`,
    });
    await this.audit.record(actor, { action: 'candidate-link.issued', entityType: 'candidate', entityId: candidateId });
    return { id: issued.id, candidateId, purpose, issuedAt: issued.createdAt, expiresAt: issued.expiresAt };
  }

  /**
   * The session a token opens, or 401 (missing, malformed, unknown, expired, revoked, its candidate anonymised, or
   * another purpose); 429 while the client address has had too many refused. Not one transaction: a refusal is
   * counted even though the request then fails.
   */
  async authenticate(
    token: string | undefined,
    ip: string,
    purpose: CandidateLinkPurpose,
  ): Promise<CandidateLinkSession> {
    const client = normalizeIp(ip, DEFAULT_IPV6_SUBNET_PREFIX);
    const locked = await this.links.lockedFor(client, this.failureLimit);
    if (locked > 0) throw new TooManyCandidateLinkFailures(Math.ceil(locked / 1000));
    const session = token && TOKEN_FORMAT.test(token) ? await this.links.use(hash(token)) : null;
    if (!session || session.purpose !== purpose) {
      await this.links.recordFailure(client, this.failureLimit, CANDIDATE_LINK_FAILURE_WINDOW_MS);
      throw new CandidateLinkInvalid();
    }
    return session;
  }

  /** What the candidate sees: their name and their applications' vacancy titles and stages. */
  async view(session: CandidateLinkSession): Promise<CandidateLinkViewRow> {
    const view = await this.links.view(session.candidateId);
    if (!view) throw new CandidateLinkInvalid();
    return view;
  }

  /** The candidate's consent to be kept after an unsuccessful application. */
  @Transactional()
  async setConsent(session: CandidateLinkSession, consent: boolean): Promise<void> {
    if (await this.links.setConsent(session.candidateId, consent)) {
      await this.audit.record(null, {
        action: 'candidate.retention-consent-given-by-candidate',
        entityType: 'candidate',
        entityId: session.candidateId,
        changedFields: ['retentionConsent'],
      });
    }
  }

  /** The candidate's diversity-monitoring answers (replacing any earlier ones). */
  async setDiversity(session: CandidateLinkSession, answers: DiversityAnswers): Promise<void> {
    await this.diversity.record(session.candidateId, answers);
  }

  /** Reasonable adjustments for one of the candidate's applications (null clears them); for HR, never the panel. */
  @Transactional()
  async setAdjustments(session: CandidateLinkSession, applicationId: string, needs: string | null): Promise<void> {
    if (!(await this.links.setAdjustments(session.candidateId, applicationId, needs))) {
      throw new ApplicationNotFound(applicationId);
    }
    await this.audit.record(null, {
      action: 'application.adjustments-recorded',
      entityType: 'application',
      entityId: applicationId,
      changedFields: ['adjustments'],
    });
  }

  /** Opts one of the candidate's applications in to (or out of) the Disability Confident scheme, before the sift ends. */
  @Transactional()
  async setDisabilityConfident(session: CandidateLinkSession, applicationId: string, optIn: boolean): Promise<void> {
    if (!(await this.links.owns(session.candidateId, applicationId))) throw new ApplicationNotFound(applicationId);
    await this.applications.recordDisabilityConfident(null, applicationId, optIn);
  }

  /** The offers of one of the candidate's applications, newest first (another candidate's application is 404). */
  async offersOf(session: CandidateLinkSession, applicationId: string): Promise<Offer[]> {
    if (!(await this.links.owns(session.candidateId, applicationId))) throw new ApplicationNotFound(applicationId);
    return this.offers.forCandidate(applicationId);
  }

  /** The candidate accepts or declines one of their offers (another candidate's offer is 404). */
  @Transactional()
  async respondToOffer(session: CandidateLinkSession, offerId: string, decision: OfferDecision): Promise<OfferView> {
    const applicationId = await this.offers.applicationOf(offerId);
    if (!applicationId || !(await this.links.owns(session.candidateId, applicationId))) {
      throw new OfferNotFound(offerId);
    }
    return this.offers.respondAsCandidate(offerId, decision);
  }
}
