import {
  AuditService,
  PreconditionFailedError,
  scopesFor,
  Transactional,
  type Actor,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { ReviewPermission } from './review-permissions.js';
import { reviewScopeSql } from './review-scope.js';
import { allowedReviewActions, CALIBRATION_THRESHOLD, nextReviewState, type ReviewAction } from './review-states.js';
import type { SkillReview } from './skill-review.entity.js';
import {
  IllegalReviewMove,
  NotLineManager,
  NotReviewee,
  RatingsInvalid,
  ReviewCycleClosed,
  SelfValidation,
  SkillReviewNotFound,
  type SkillProblem,
} from './skill-review.errors.js';
import {
  SkillReviewsRepository,
  type AgreedRating,
  type RatingRow,
  type ReviewFilter,
  type ReviewListItem,
  type ReviewRow,
  type SelfRating,
} from './skill-reviews.repository.js';

/** What the product tells everyone who rates themselves. */
export const SELF_ASSESSMENT_STATEMENT =
  'Your self-assessment is for your development: what you can do now and what to learn next. ' +
  'It is never used as a pay or performance score.';

export interface ReviewDetail extends ReviewRow {
  ratings: RatingRow[];
}

export interface SelfAssessment {
  ratings: { skillId: string; level: number; evidence?: string | null }[];
  extraSkills?: { skillId: string; level: number; evidence?: string | null }[];
}

export interface Validation {
  ratings: { skillId: string; level: number; comment?: string | null }[];
}

/**
 * A person's review: the reviewee rates every required skill and submits; their line manager agrees a level
 * per skill (validated) or sends it back. Reads follow the review scope (own, reporting chain, led families,
 * everyone); a review out of reach is a 404. Every write refuses a closed cycle (409).
 */
@Injectable()
export class SkillReviewsService {
  constructor(
    private readonly reviews: SkillReviewsRepository,
    private readonly audit: AuditService,
  ) {}

  async get(actor: Actor, id: string): Promise<ReviewDetail> {
    const row = await this.visible(actor, id, false);
    return { ...row, ratings: await this.reviews.ratings(id, row.frameworkVersionId) };
  }

  /** The actor's own review in the open cycle. */
  async mine(actor: Actor): Promise<ReviewDetail> {
    const id = actor.staffId ? await this.reviews.findIdInOpenCycle(actor.staffId) : null;
    if (!id) throw new SkillReviewNotFound();
    return this.get(actor, id);
  }

  list(actor: Actor, filter: ReviewFilter, page: PageQuery): Promise<Page<ReviewListItem>> {
    return this.reviews.list(filter, (values) => reviewScopeSql(actor, ReviewPermission.Read, values, 'set'), page);
  }

  /** Saves the reviewee's ratings (every required skill; extra skills from the pinned version) at `version`. */
  @Transactional()
  async selfAssess(actor: Actor, id: string, version: number, input: SelfAssessment): Promise<ReviewDetail> {
    const row = await this.writable(actor, id, 'reviewee');
    this.checkVersion(row.review, version);
    const next = this.move(row.review, 'save');
    const current = await this.reviews.ratings(id, row.frameworkVersionId);
    const { required, extra } = await this.checkSelfRatings(current, row.frameworkVersionId, input);
    await this.reviews.saveSelfAssessment(id, row.frameworkVersionId, required, extra);
    await this.moveTo(actor, row.review, version, { state: next }, 'skill-review.self-assessed', ['ratings']);
    return this.get(actor, id);
  }

  /** The reviewee hands the review to their line manager: every required skill must be rated. */
  @Transactional()
  async submit(actor: Actor, id: string): Promise<ReviewDetail> {
    const row = await this.writable(actor, id, 'reviewee');
    const next = this.move(row.review, 'submit');
    const unrated = (await this.reviews.ratings(id, row.frameworkVersionId)).filter(
      (r) => r.requiredLevel !== null && r.selfLevel === null,
    );
    if (unrated.length > 0) {
      throw new RatingsInvalid(
        unrated.map((r) => ({ skillId: r.skillId, skillSlug: r.skillSlug, message: 'not rated yet' })),
      );
    }
    await this.moveTo(
      actor,
      row.review,
      row.review.version,
      { state: next, submittedAt: new Date() },
      'skill-review.submitted',
      ['state', 'submittedAt'],
    );
    return this.get(actor, id);
  }

  /** The line manager's agreed level (and comment) for every skill of the review → validated. */
  @Transactional()
  async validate(actor: Actor, id: string, version: number, input: Validation): Promise<ReviewDetail> {
    const row = await this.writable(actor, id, 'manager');
    this.checkVersion(row.review, version);
    const next = this.move(row.review, 'validate');
    const current = await this.reviews.ratings(id, row.frameworkVersionId);
    const agreed = this.checkAgreedRatings(current, input);
    await this.reviews.saveValidation(id, agreed, CALIBRATION_THRESHOLD);
    await this.moveTo(
      actor,
      row.review,
      version,
      { state: next, validatedAt: new Date(), validatedByUserId: actor.userId },
      'skill-review.validated',
      ['ratings', 'state', 'validatedAt'],
    );
    return this.get(actor, id);
  }

  /** The line manager sends a submitted review back to the reviewee, saying why. */
  @Transactional()
  async returnToReviewee(actor: Actor, id: string, reason: string): Promise<ReviewDetail> {
    const row = await this.writable(actor, id, 'manager');
    const next = this.move(row.review, 'return');
    await this.moveTo(
      actor,
      row.review,
      row.review.version,
      { state: next, returnedAt: new Date(), returnedByUserId: actor.userId, returnReason: reason },
      'skill-review.returned',
      ['state', 'returnedAt', 'returnReason'],
    );
    return this.get(actor, id);
  }

  private async visible(actor: Actor, id: string, lock: boolean): Promise<ReviewRow> {
    const values: unknown[] = [id];
    const condition = reviewScopeSql(actor, ReviewPermission.Read, values, 'row');
    const row = await this.reviews.find(id, condition, values.slice(1), lock);
    if (!row) throw new SkillReviewNotFound(id);
    return row;
  }

  /**
   * The review, locked, when the actor may write it as `as`: the reviewee themselves, or the reviewee's line
   * manager (an admin too, never the reviewee); and its cycle is not closed.
   */
  private async writable(actor: Actor, id: string, as: 'reviewee' | 'manager'): Promise<ReviewRow> {
    const row = await this.visible(actor, id, true);
    const own = actor.staffId !== null && row.review.staffId === actor.staffId;
    if (as === 'reviewee' && !own) throw new NotReviewee();
    if (as === 'manager') {
      if (own) throw new SelfValidation();
      const scopes = scopesFor(actor, ReviewPermission.Validate);
      const isLineManager = scopes.includes('team') && actor.staffId !== null && row.lineManagerId === actor.staffId;
      if (!scopes.includes('any') && !isLineManager) throw new NotLineManager();
    }
    if (row.cycleState === 'closed') throw new ReviewCycleClosed();
    return row;
  }

  private checkVersion(review: SkillReview, version: number): void {
    if (review.version !== version) throw new PreconditionFailedError('skill review');
  }

  private move(review: SkillReview, action: ReviewAction) {
    const next = nextReviewState(review.state, action);
    if (!next) throw new IllegalReviewMove(review.state, action, allowedReviewActions(review.state));
    return next;
  }

  private async moveTo(
    actor: Actor,
    review: SkillReview,
    version: number,
    patch: Parameters<SkillReviewsRepository['updateIfVersion']>[2],
    action: string,
    fields: string[],
  ): Promise<void> {
    const updated = await this.reviews.updateIfVersion(review.id, version, patch);
    if (!updated) throw new PreconditionFailedError('skill review');
    await this.audit.record(actor, { action, entityType: 'skill-review', entityId: review.id, changedFields: fields });
  }

  private async checkSelfRatings(
    current: RatingRow[],
    versionId: string,
    input: SelfAssessment,
  ): Promise<{ required: SelfRating[]; extra: SelfRating[] }> {
    const problems: SkillProblem[] = [];
    const required = new Map(current.filter((r) => r.requiredLevel !== null).map((r) => [r.skillId, r]));
    const seen = new Set<string>();
    for (const rating of input.ratings) {
      if (seen.has(rating.skillId)) problems.push({ skillId: rating.skillId, message: 'rated more than once' });
      else if (!required.has(rating.skillId)) {
        problems.push({
          skillId: rating.skillId,
          message: 'not a required skill of this review (an extra skill goes in extraSkills)',
        });
      }
      seen.add(rating.skillId);
    }
    for (const [skillId, r] of required) {
      if (!seen.has(skillId)) problems.push({ skillId, skillSlug: r.skillSlug, message: 'required skill not rated' });
    }
    const extras = input.extraSkills ?? [];
    const known = new Set(
      (
        await this.reviews.skillsOfVersion(
          versionId,
          extras.map((e) => e.skillId),
        )
      ).map((s) => s.id),
    );
    for (const extra of extras) {
      if (required.has(extra.skillId) || seen.has(extra.skillId)) {
        problems.push({ skillId: extra.skillId, message: 'rated more than once (required skills go in ratings)' });
      } else if (!known.has(extra.skillId)) {
        problems.push({ skillId: extra.skillId, message: "not a skill of the cycle's framework version" });
      }
      seen.add(extra.skillId);
    }
    if (problems.length > 0) throw new RatingsInvalid(problems);
    const plain = (r: { skillId: string; level: number; evidence?: string | null }): SelfRating => ({
      skillId: r.skillId,
      level: r.level,
      evidence: r.evidence ?? null,
    });
    return { required: input.ratings.map(plain), extra: extras.map(plain) };
  }

  private checkAgreedRatings(current: RatingRow[], input: Validation): AgreedRating[] {
    const problems: SkillProblem[] = [];
    const skills = new Map(current.map((r) => [r.skillId, r]));
    const seen = new Set<string>();
    for (const rating of input.ratings) {
      if (seen.has(rating.skillId)) problems.push({ skillId: rating.skillId, message: 'rated more than once' });
      else if (!skills.has(rating.skillId)) {
        problems.push({ skillId: rating.skillId, message: 'not a skill of this review' });
      }
      seen.add(rating.skillId);
    }
    for (const [skillId, r] of skills) {
      if (!seen.has(skillId)) problems.push({ skillId, skillSlug: r.skillSlug, message: 'no agreed level' });
    }
    if (problems.length > 0) throw new RatingsInvalid(problems);
    return input.ratings.map((r) => ({ skillId: r.skillId, level: r.level, comment: r.comment ?? null }));
  }
}
