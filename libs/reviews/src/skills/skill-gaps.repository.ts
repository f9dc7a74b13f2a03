import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { currentPrimaryAssignmentSql } from '@capability/workforce';
import { Injectable } from '@nestjs/common';

export interface RoleLevelRow {
  id: string;
  slug: string;
  name: string;
  roleId: string;
  position: number;
}

export interface LatestReview {
  reviewId: string;
  cycleId: string;
  roleLevelId: string;
}

export interface GapRow {
  skillId: string;
  skillSlug: string;
  skillName: string;
  requiredLevel: number;
  selfLevel: number | null;
  validatedLevel: number | null;
  gap: number;
}

type RawRoleLevel = { id: string; slug: string; name: string; role_id: string; position: number };
const roleLevel = (r: RawRoleLevel): RoleLevelRow => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  roleId: r.role_id,
  position: r.position,
});

@Injectable()
export class SkillGapsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async currentRoleLevel(staffId: string): Promise<RoleLevelRow | null> {
    const [row]: RawRoleLevel[] = await this.txHost.tx.query(
      `SELECT rl.id, rl.slug, rl.name, rl.role_id, rl.position FROM staff s
         JOIN role_levels rl ON rl.id = ${currentPrimaryAssignmentSql('s', 'current_date', 'ra.role_level_id')}
        WHERE s.id = $1`,
      [staffId],
    );
    return row ? roleLevel(row) : null;
  }

  async roleLevel(id: string): Promise<RoleLevelRow | null> {
    const [row]: RawRoleLevel[] = await this.txHost.tx.query(
      'SELECT id, slug, name, role_id, position FROM role_levels WHERE id = $1',
      [id],
    );
    return row ? roleLevel(row) : null;
  }

  async nextRoleLevel(level: RoleLevelRow): Promise<RoleLevelRow | null> {
    const [row]: RawRoleLevel[] = await this.txHost.tx.query(
      'SELECT id, slug, name, role_id, position FROM role_levels WHERE role_id = $1 AND position = $2',
      [level.roleId, level.position + 1],
    );
    return row ? roleLevel(row) : null;
  }

  /** The person's review in the most recently opened cycle, open or closed. */
  async latestReview(staffId: string): Promise<LatestReview | null> {
    const [row]: { id: string; cycle_id: string; role_level_id: string }[] = await this.txHost.tx.query(
      `SELECT r.id, r.cycle_id, r.role_level_id FROM skill_reviews r JOIN review_cycles c ON c.id = r.cycle_id
        WHERE r.staff_id = $1 ORDER BY c.opened_at DESC, r.created_at DESC LIMIT 1`,
      [staffId],
    );
    return row ? { reviewId: row.id, cycleId: row.cycle_id, roleLevelId: row.role_level_id } : null;
  }

  /**
   * Each skill the role level requires (once, at its highest required level) against the person's latest
   * rating of it: for each skill (matched by slug, so ratings of an older framework version count), the
   * most recently opened cycle's review that rated it; validated level preferred, else the self level, and
   * a skill never rated counts as 0. gap = required − that level, floored at 0.
   */
  async gaps(staffId: string, roleLevelId: string): Promise<GapRow[]> {
    const rows: {
      skill_id: string;
      skill_slug: string;
      skill_name: string;
      required_level: number;
      self_level: number | null;
      validated_level: number | null;
      gap: number;
    }[] = await this.txHost.tx.query(
      `WITH target AS (
         SELECT DISTINCT ON (sk.slug) sk.id AS skill_id, sk.slug, sk.name, sr.required_level, sr.position
           FROM skill_requirements sr JOIN skills sk ON sk.id = sr.skill_id
          WHERE sr.role_level_id = $2
          ORDER BY sk.slug, sr.required_level DESC, sr.position
       ), latest AS (
         SELECT DISTINCT ON (x.skill_slug) x.skill_slug, x.self_level, x.validated_level
           FROM skill_review_ratings x
           JOIN skill_reviews r ON r.id = x.review_id
           JOIN review_cycles c ON c.id = r.cycle_id
          WHERE r.staff_id = $1 AND (x.self_level IS NOT NULL OR x.validated_level IS NOT NULL)
          ORDER BY x.skill_slug, c.opened_at DESC, r.created_at DESC
       )
       SELECT t.skill_id, t.slug AS skill_slug, t.name AS skill_name, t.required_level, l.self_level,
              l.validated_level,
              GREATEST(t.required_level - COALESCE(l.validated_level, l.self_level, 0), 0)::int AS gap
         FROM target t LEFT JOIN latest l ON l.skill_slug = t.slug
        ORDER BY t.position, t.slug`,
      [staffId, roleLevelId],
    );
    return rows.map((r) => ({
      skillId: r.skill_id,
      skillSlug: r.skill_slug,
      skillName: r.skill_name,
      requiredLevel: r.required_level,
      selfLevel: r.self_level,
      validatedLevel: r.validated_level,
      gap: r.gap,
    }));
  }
}
