import {
  AuditService,
  changedFields,
  PreconditionFailedError,
  Transactional,
  type Actor,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import type { ReviewCycle } from './review-cycle.entity.js';
import {
  ClosingBeforeOpening,
  IllegalCycleMove,
  NoCurrentFrameworkVersion,
  OverlappingCycles,
  ReviewCycleNotFound,
  UnknownUnit,
} from './review-cycle.errors.js';
import {
  ReviewCyclesRepository,
  type CycleFigures,
  type CycleFilter,
  type CyclePatch,
  type LeftOutRow,
} from './review-cycles.repository.js';
import { ReviewPermission } from './review-permissions.js';
import { reachesAll, reviewScopeSql } from './review-scope.js';
import { allowedCycleActions, nextCycleState, type CycleAction } from './review-states.js';

export interface NewReviewCycle {
  name: string;
  unitId: string;
  /** ISO dates, `YYYY-MM-DD`. */
  opensOn: string;
  closesOn: string;
}

export type ReviewCycleChanges = Partial<NewReviewCycle>;

/** A cycle with its completion figures: over every review for HR and admins, over the reviews the reader may see otherwise. */
export interface ReviewCycleDetail {
  cycle: ReviewCycle;
  figures: CycleFigures & { inScope: number | null; leftOut: number | null };
  /** Whether the figures cover the whole cycle (HR, admin) or only the reviews the reader may see. */
  figuresScope: 'cycle' | 'visible';
}

export interface OpenedCycle extends ReviewCycleDetail {
  /** The first page of the staff left out (no role level), for the response. */
  leftOutSample: LeftOutRow[];
}

const LEFT_OUT_SAMPLE = 20;

/** Review cycles: drafts, opening (the set-based creation of every review) and closing (the freeze). */
@Injectable()
export class ReviewCyclesService {
  constructor(
    private readonly cycles: ReviewCyclesRepository,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async create(actor: Actor, input: NewReviewCycle): Promise<ReviewCycleDetail> {
    if (input.closesOn < input.opensOn) throw new ClosingBeforeOpening();
    if (!(await this.cycles.unitExists(input.unitId))) throw new UnknownUnit(input.unitId);
    const cycle = await this.cycles.insert({ ...input, createdByUserId: actor.userId });
    await this.audit.record(actor, {
      action: 'review-cycle.created',
      entityType: 'review-cycle',
      entityId: cycle.id,
      changedFields: Object.keys(input),
    });
    return this.detail(actor, cycle);
  }

  list(_actor: Actor, filter: CycleFilter, page: PageQuery): Promise<Page<ReviewCycle>> {
    return this.cycles.list(filter, page);
  }

  async get(actor: Actor, id: string): Promise<ReviewCycleDetail> {
    const cycle = await this.cycles.findById(id);
    if (!cycle) throw new ReviewCycleNotFound(id);
    return this.detail(actor, cycle);
  }

  /** Changes a draft at the version the caller read (If-Match). */
  @Transactional()
  async update(actor: Actor, id: string, version: number, changes: ReviewCycleChanges): Promise<ReviewCycleDetail> {
    const cycle = await this.lockedForMove(id, 'edit');
    const patch: CyclePatch = changes;
    const fields = changedFields(cycle, patch);
    if ((changes.opensOn ?? cycle.opensOn) > (changes.closesOn ?? cycle.closesOn)) throw new ClosingBeforeOpening();
    if (changes.unitId && !(await this.cycles.unitExists(changes.unitId))) throw new UnknownUnit(changes.unitId);
    if (fields.length === 0) {
      if (cycle.version !== version) throw new PreconditionFailedError('review cycle');
      return this.detail(actor, cycle);
    }
    const updated = await this.cycles.updateIfVersion(id, version, patch);
    if (!updated) throw new PreconditionFailedError('review cycle');
    await this.audit.record(actor, {
      action: 'review-cycle.updated',
      entityType: 'review-cycle',
      entityId: id,
      changedFields: fields,
    });
    return this.detail(actor, updated);
  }

  /**
   * draft → open: pins the current framework version and creates every in-scope person's review in three
   * statements. Refused (409) when someone in scope is already in another open cycle.
   */
  @Transactional()
  async open(actor: Actor, id: string): Promise<OpenedCycle> {
    await this.cycles.lockOpenings();
    const cycle = await this.lockedForMove(id, 'open');
    const versionId = await this.cycles.currentFrameworkVersionId();
    if (!versionId) throw new NoCurrentFrameworkVersion();
    const overlaps = await this.cycles.overlaps(cycle, versionId);
    if (overlaps.length > 0) throw new OverlappingCycles(overlaps);
    const counts = await this.cycles.createReviews(cycle, versionId);
    const opened = await this.cycles.setState(id, {
      state: 'open',
      frameworkVersionId: versionId,
      openedAt: new Date(),
    });
    await this.audit.record(actor, {
      action: 'review-cycle.opened',
      entityType: 'review-cycle',
      entityId: id,
      changedFields: ['state', 'frameworkVersionId', 'openedAt'],
      details: { reviews: counts.reviews, leftOut: counts.leftOut },
    });
    const leftOut = await this.cycles.leftOut(id, { limit: LEFT_OUT_SAMPLE });
    return { ...(await this.detail(actor, opened)), leftOutSample: leftOut.items };
  }

  /** open → closed: every review of the cycle is frozen from now on. */
  @Transactional()
  async close(actor: Actor, id: string): Promise<ReviewCycleDetail> {
    await this.lockedForMove(id, 'close');
    const closed = await this.cycles.setState(id, { state: 'closed', closedAt: new Date() });
    await this.audit.record(actor, {
      action: 'review-cycle.closed',
      entityType: 'review-cycle',
      entityId: id,
      changedFields: ['state', 'closedAt'],
    });
    return this.detail(actor, closed);
  }

  async leftOut(_actor: Actor, id: string, page: PageQuery): Promise<Page<LeftOutRow>> {
    if (!(await this.cycles.findById(id))) throw new ReviewCycleNotFound(id);
    return this.cycles.leftOut(id, page);
  }

  private async lockedForMove(id: string, action: CycleAction): Promise<ReviewCycle> {
    const cycle = await this.cycles.lock(id, 'update');
    if (!cycle) throw new ReviewCycleNotFound(id);
    if (!nextCycleState(cycle.state, action)) {
      throw new IllegalCycleMove(cycle.state, action, allowedCycleActions(cycle.state));
    }
    return cycle;
  }

  private async detail(actor: Actor, cycle: ReviewCycle): Promise<ReviewCycleDetail> {
    const whole = reachesAll(actor, ReviewPermission.Read);
    const values: unknown[] = [cycle.id];
    const visible = whole ? 'TRUE' : reviewScopeSql(actor, ReviewPermission.Read, values, 'set');
    const figures = await this.cycles.figures(visible, values);
    const leftOut = whole ? await this.cycles.leftOutCount(cycle.id) : null;
    return {
      cycle,
      figures: { ...figures, leftOut, inScope: leftOut === null ? null : figures.reviews + leftOut },
      figuresScope: whole ? 'cycle' : 'visible',
    };
  }
}
