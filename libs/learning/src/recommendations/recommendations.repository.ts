import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import type { InclusionPackage, LearningFormat } from '../catalogue/learning-item.entity.js';

/** An active catalogue item the person has not completed, with every skill it develops. */
export interface CandidateItem {
  id: string;
  code: string;
  title: string;
  format: LearningFormat;
  hours: number | null;
  url: string | null;
  inclusionPackage: InclusionPackage | null;
  updatedAt: Date;
  skills: { skillSlug: string; level: number }[];
}

/** A verified record of learning, as the evidence beside a skill of a review shows it. */
export interface EvidenceRow {
  recordId: string;
  title: string;
  completedOn: string;
  hours: number;
  skillSlugs: string[];
}

type RawCandidate = {
  id: string;
  code: string;
  title: string;
  format: LearningFormat;
  hours: string | null;
  url: string | null;
  inclusion_package: InclusionPackage | null;
  updated_at: Date;
  skills: { skillSlug: string; level: number }[];
};

@Injectable()
export class RecommendationsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * Active items that develop any of the skills (or, with `withPackages`, belong to an inclusion package), leaving
   * out any the person has completed: a record of the item by them that is not rejected (submitted or verified).
   */
  async candidates(staffId: string, skillSlugs: string[], withPackages: boolean): Promise<CandidateItem[]> {
    const rows: RawCandidate[] = await this.txHost.tx.query(
      `SELECT i.id, i.code, i.title, i.format, i.hours::text AS hours, i.url, i.inclusion_package, i.updated_at,
              COALESCE((SELECT json_agg(json_build_object('skillSlug', s.skill_slug, 'level', s.level)
                                        ORDER BY s.skill_slug)
                          FROM learning_item_skills s WHERE s.item_id = i.id), '[]'::json) AS skills
         FROM learning_items i
        WHERE i.active
          AND (($3::boolean AND i.inclusion_package IS NOT NULL)
               OR EXISTS (SELECT 1 FROM learning_item_skills g WHERE g.item_id = i.id AND g.skill_slug = ANY($2::text[])))
          AND NOT EXISTS (SELECT 1 FROM learning_records r
                           WHERE r.staff_id = $1 AND r.learning_item_id = i.id AND r.state <> 'rejected')`,
      [staffId, skillSlugs, withPackages],
    );
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      format: r.format,
      hours: r.hours === null ? null : Number(r.hours),
      url: r.url,
      inclusionPackage: r.inclusion_package,
      updatedAt: r.updated_at,
      skills: r.skills,
    }));
  }

  /** The person's current digital inclusion level: their latest assessment (by date, then when recorded). */
  async inclusionLevel(staffId: string): Promise<number | null> {
    const [row]: { level: number }[] = await this.txHost.tx.query(
      `SELECT level FROM inclusion_assessments WHERE staff_id = $1
        ORDER BY assessed_on DESC, created_at DESC, id DESC LIMIT 1`,
      [staffId],
    );
    return row?.level ?? null;
  }

  /** The person's verified records of learning that claim any of the skills, most recent first. */
  async verifiedEvidence(staffId: string, skillSlugs: string[]): Promise<EvidenceRow[]> {
    if (skillSlugs.length === 0) return [];
    const rows: { id: string; title: string; completed_on: string; hours: string; skill_slugs: string[] }[] =
      await this.txHost.tx.query(
        `SELECT r.id, COALESCE(r.title, i.title) AS title, to_char(r.completed_on, 'YYYY-MM-DD') AS completed_on,
                r.hours::text AS hours, r.skill_slugs
           FROM learning_records r LEFT JOIN learning_items i ON i.id = r.learning_item_id
          WHERE r.staff_id = $1 AND r.state = 'verified' AND r.skill_slugs && $2::text[]
          ORDER BY r.completed_on DESC, r.created_at DESC, r.id`,
        [staffId, skillSlugs],
      );
    return rows.map((r) => ({
      recordId: r.id,
      title: r.title,
      completedOn: r.completed_on,
      hours: Number(r.hours),
      skillSlugs: r.skill_slugs,
    }));
  }
}
