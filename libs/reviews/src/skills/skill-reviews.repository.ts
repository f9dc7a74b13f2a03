import {
  decodeCursor,
  pageFrom,
  TransactionalAdapterTypeOrm,
  TransactionHost,
  updateIfVersion,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import type { CycleState } from './review-cycle.entity.js';
import { SkillReview, type ReviewState } from './skill-review.entity.js';

/** A review as its readers see it: the review, its cycle's state and the reviewee's name and line manager. */
export interface ReviewRow {
  review: SkillReview;
  cycleName: string;
  cycleState: CycleState;
  frameworkVersionId: string;
  staffName: string;
  lineManagerId: string | null;
}

export interface SkillLevelText {
  level: number;
  name: string;
  text: string | null;
}

export interface RatingRow {
  skillId: string;
  skillSlug: string;
  skillName: string;
  description: string | null;
  position: number;
  requiredLevel: number | null;
  selfLevel: number | null;
  evidence: string | null;
  validatedLevel: number | null;
  comment: string | null;
  flaggedForCalibration: boolean;
  levels: SkillLevelText[];
}

export interface ReviewListItem {
  review: SkillReview;
  staffName: string;
  flagged: number;
}

export interface ReviewFilter {
  cycleId?: string;
  state?: ReviewState;
  /** Reviews of people in this unit or anywhere under it when their cycle opened. */
  unitId?: string;
}

export interface SelfRating {
  skillId: string;
  level: number;
  evidence: string | null;
}

export interface AgreedRating {
  skillId: string;
  level: number;
  comment: string | null;
}

type ReviewStatePatch = Partial<
  Pick<
    SkillReview,
    'state' | 'submittedAt' | 'validatedAt' | 'validatedByUserId' | 'returnedAt' | 'returnedByUserId' | 'returnReason'
  >
>;

interface RawReview {
  id: string;
  cycle_id: string;
  staff_id: string;
  role_level_id: string;
  role_level_slug: string;
  role_level_name: string;
  role_family_slug: string;
  unit_id: string;
  state: ReviewState;
  submitted_at: Date | null;
  validated_at: Date | null;
  validated_by_user_id: string | null;
  returned_at: Date | null;
  returned_by_user_id: string | null;
  return_reason: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const REVIEW_COLUMNS = `r.id, r.cycle_id, r.staff_id, r.role_level_id, r.role_level_slug, r.role_level_name,
  r.role_family_slug, r.unit_id, r.state, r.submitted_at, r.validated_at, r.validated_by_user_id, r.returned_at,
  r.returned_by_user_id, r.return_reason, r.created_at, r.updated_at, r.version`;

function reviewFromRaw(raw: RawReview): SkillReview {
  return Object.assign(new SkillReview(), {
    id: raw.id,
    cycleId: raw.cycle_id,
    staffId: raw.staff_id,
    roleLevelId: raw.role_level_id,
    roleLevelSlug: raw.role_level_slug,
    roleLevelName: raw.role_level_name,
    roleFamilySlug: raw.role_family_slug,
    unitId: raw.unit_id,
    state: raw.state,
    submittedAt: raw.submitted_at,
    validatedAt: raw.validated_at,
    validatedByUserId: raw.validated_by_user_id,
    returnedAt: raw.returned_at,
    returnedByUserId: raw.returned_by_user_id,
    returnReason: raw.return_reason,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    version: raw.version,
  });
}

@Injectable()
export class SkillReviewsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * The review when `visible` (SQL over `r` and `s`; its values after `$1`, the id) admits it. With `lock`,
   * the review row is locked for update and its cycle's row shared, so a close waits for the write (and a
   * write begun after a close sees the cycle closed).
   */
  async find(id: string, visible: string, values: unknown[], lock = false): Promise<ReviewRow | null> {
    const rows: (RawReview & {
      cycle_name: string;
      cycle_state: CycleState;
      framework_version_id: string;
      staff_name: string;
      line_manager_id: string | null;
    })[] = await this.txHost.tx.query(
      `SELECT ${REVIEW_COLUMNS}, c.name AS cycle_name, c.state AS cycle_state, c.framework_version_id,
              s.full_name AS staff_name, s.line_manager_id
         FROM skill_reviews r
         JOIN review_cycles c ON c.id = r.cycle_id
         JOIN staff s ON s.id = r.staff_id
        WHERE r.id = $1 AND ${visible}
        ${lock ? 'FOR UPDATE OF r FOR SHARE OF c' : ''}`,
      [id, ...values],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      review: reviewFromRaw(row),
      cycleName: row.cycle_name,
      cycleState: row.cycle_state,
      frameworkVersionId: row.framework_version_id,
      staffName: row.staff_name,
      lineManagerId: row.line_manager_id,
    };
  }

  /** The person's review in an open cycle (at most one: open cycles do not overlap). */
  async findIdInOpenCycle(staffId: string): Promise<string | null> {
    const [row]: { id: string }[] = await this.txHost.tx.query(
      `SELECT r.id FROM skill_reviews r JOIN review_cycles c ON c.id = r.cycle_id AND c.state = 'open'
        WHERE r.staff_id = $1 ORDER BY c.opened_at DESC LIMIT 1`,
      [staffId],
    );
    return row?.id ?? null;
  }

  /** The review's skills in the framework's order (extra skills last), with the text of every skill level. */
  async ratings(reviewId: string, versionId: string): Promise<RatingRow[]> {
    const rows: {
      skill_id: string;
      skill_slug: string;
      skill_name: string;
      description: string | null;
      position: number;
      required_level: number | null;
      self_level: number | null;
      evidence: string | null;
      validated_level: number | null;
      comment: string | null;
      flagged_for_calibration: boolean;
      texts: (string | null)[];
      level_names: string[] | null;
    }[] = await this.txHost.tx.query(
      `SELECT x.skill_id, x.skill_slug, x.skill_name, sk.description, x.position, x.required_level, x.self_level,
              x.evidence, x.validated_level, x.comment, x.flagged_for_calibration,
              ARRAY[sk.awareness_text, sk.working_text, sk.practitioner_text, sk.expert_text] AS texts,
              (SELECT array_agg(sl.name ORDER BY sl.level) FROM skill_levels sl WHERE sl.version_id = $2) AS level_names
         FROM skill_review_ratings x JOIN skills sk ON sk.id = x.skill_id
        WHERE x.review_id = $1
        ORDER BY x.required_level IS NULL, x.position, x.skill_slug`,
      [reviewId, versionId],
    );
    return rows.map((r) => ({
      skillId: r.skill_id,
      skillSlug: r.skill_slug,
      skillName: r.skill_name,
      description: r.description,
      position: r.position,
      requiredLevel: r.required_level,
      selfLevel: r.self_level,
      evidence: r.evidence,
      validatedLevel: r.validated_level,
      comment: r.comment,
      flaggedForCalibration: r.flagged_for_calibration,
      levels: r.texts.map((text, i) => ({ level: i + 1, name: r.level_names?.[i] ?? `Level ${i + 1}`, text })),
    }));
  }

  /** Of `skillIds`, those that are skills of the framework version (for extra skills). */
  async skillsOfVersion(versionId: string, skillIds: string[]): Promise<{ id: string; slug: string }[]> {
    if (skillIds.length === 0) return [];
    return this.txHost.tx.query('SELECT id, slug FROM skills WHERE version_id = $1 AND id = ANY($2::uuid[])', [
      versionId,
      skillIds,
    ]);
  }

  /** The self-assessment, set-based: required skills' levels and evidence, and the extra skills replaced. */
  async saveSelfAssessment(
    reviewId: string,
    versionId: string,
    required: SelfRating[],
    extra: SelfRating[],
  ): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE skill_review_ratings x SET self_level = v.level, evidence = v.evidence
         FROM unnest($2::uuid[], $3::smallint[], $4::text[]) AS v(skill_id, level, evidence)
        WHERE x.review_id = $1 AND x.skill_id = v.skill_id AND x.required_level IS NOT NULL`,
      [reviewId, required.map((r) => r.skillId), required.map((r) => r.level), required.map((r) => r.evidence)],
    );
    await this.txHost.tx.query('DELETE FROM skill_review_ratings WHERE review_id = $1 AND required_level IS NULL', [
      reviewId,
    ]);
    if (extra.length === 0) return;
    await this.txHost.tx.query(
      `INSERT INTO skill_review_ratings (review_id, skill_id, skill_slug, skill_name, position, required_level, self_level, evidence)
       SELECT $1, sk.id, sk.slug, sk.name, v.ord, NULL, v.level, v.evidence
         FROM unnest($3::uuid[], $4::smallint[], $5::text[]) WITH ORDINALITY AS v(skill_id, level, evidence, ord)
         JOIN skills sk ON sk.id = v.skill_id AND sk.version_id = $2`,
      [reviewId, versionId, extra.map((r) => r.skillId), extra.map((r) => r.level), extra.map((r) => r.evidence)],
    );
  }

  /** The line manager's agreed levels; the calibration flag is worked out here from self and agreed levels. */
  async saveValidation(reviewId: string, agreed: AgreedRating[], threshold: number): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE skill_review_ratings x SET validated_level = v.level, comment = v.comment,
              flagged_for_calibration = (x.self_level IS NOT NULL AND abs(x.self_level - v.level) >= $5)
         FROM unnest($2::uuid[], $3::smallint[], $4::text[]) AS v(skill_id, level, comment)
        WHERE x.review_id = $1 AND x.skill_id = v.skill_id`,
      [reviewId, agreed.map((r) => r.skillId), agreed.map((r) => r.level), agreed.map((r) => r.comment), threshold],
    );
  }

  /** Moves the review at `version`; null when someone else changed it first. */
  updateIfVersion(id: string, version: number, patch: ReviewStatePatch): Promise<SkillReview | null> {
    return updateIfVersion(this.txHost.tx.getRepository(SkillReview), id, version, patch);
  }

  /** The reviews `visible` admits (its values after the filter's), by the reviewee's name. */
  async list(
    filter: ReviewFilter,
    visible: (values: unknown[]) => string,
    page: PageQuery,
  ): Promise<Page<ReviewListItem>> {
    const values: unknown[] = [];
    const where: string[] = [];
    if (filter.cycleId) {
      values.push(filter.cycleId);
      where.push(`r.cycle_id = $${values.length}::uuid`);
    }
    if (filter.state) {
      values.push(filter.state);
      where.push(`r.state = $${values.length}`);
    }
    if (filter.unitId) {
      values.push(filter.unitId);
      where.push(`r.unit_id IN (SELECT id FROM organisation_units WHERE path @> ARRAY[$${values.length}::uuid])`);
    }
    if (page.cursor) {
      const [name, id] = decodeCursor(page.cursor, 2);
      values.push(name, id);
      where.push(`(s.full_name, r.id) > ($${values.length - 1}::text, $${values.length}::uuid)`);
    }
    where.push(visible(values));
    values.push(page.limit + 1);
    const rows: (RawReview & { staff_name: string; flagged: number })[] = await this.txHost.tx.query(
      `SELECT ${REVIEW_COLUMNS}, s.full_name AS staff_name,
              (SELECT count(*)::int FROM skill_review_ratings x WHERE x.review_id = r.id AND x.flagged_for_calibration) AS flagged
         FROM skill_reviews r JOIN staff s ON s.id = r.staff_id
        WHERE ${where.join(' AND ')}
        ORDER BY s.full_name, r.id LIMIT $${values.length}`,
      values,
    );
    return pageFrom(
      rows.map((r) => ({ review: reviewFromRaw(r), staffName: r.staff_name, flagged: r.flagged })),
      page.limit,
      (last) => [last.staffName, last.review.id],
    );
  }
}
