import { TransactionalAdapterTypeOrm, TransactionHost } from '@capability/platform';
import { Injectable } from '@nestjs/common';

export interface MapRoleLevel {
  roleId: string;
  roleSlug: string;
  roleName: string;
  familySlug: string;
  familyName: string;
  roleLevelId: string;
  roleLevelSlug: string;
  roleLevelName: string;
  position: number;
}

export interface MapItemRef {
  id: string;
  code: string;
  title: string;
  format: string;
  /** The level the item takes a learner to in this skill (at least the required level). */
  level: number;
}

export interface MapRequirement {
  roleLevelId: string;
  skillSlug: string;
  skillName: string;
  requiredLevel: number;
  items: MapItemRef[];
}

export interface MapScope {
  roleFamily?: string;
  /** Role slug or id. */
  role?: string;
}

/** The role levels of a family or role in the current framework version, and what each requires. */
@Injectable()
export class LearningMapRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.txHost.tx.query(sql, params);
  }

  /** `$1` family slug (or null), `$2` role slug or id (or null), over `f` and `r` of the current version. */
  private static readonly SCOPE = `v.is_current AND ($1::text IS NULL OR f.slug = $1)
    AND ($2::text IS NULL OR r.slug = $2 OR r.id::text = $2)`;

  async roleLevels(scope: MapScope): Promise<MapRoleLevel[]> {
    return this.query<MapRoleLevel>(
      `SELECT r.id AS "roleId", r.slug AS "roleSlug", r.name AS "roleName", f.slug AS "familySlug",
              f.name AS "familyName", rl.id AS "roleLevelId", rl.slug AS "roleLevelSlug", rl.name AS "roleLevelName",
              rl.position
         FROM framework_versions v
         JOIN role_families f ON f.version_id = v.id
         JOIN roles r ON r.role_family_id = f.id
         JOIN role_levels rl ON rl.role_id = r.id
        WHERE ${LearningMapRepository.SCOPE}
        ORDER BY f.position, r.position, rl.position`,
      [scope.roleFamily ?? null, scope.role ?? null],
    );
  }

  /** Whether the family (and role) exist in the current version. */
  async exists(scope: MapScope): Promise<{ family: boolean; role: boolean }> {
    const [row] = await this.query<{ family: boolean; role: boolean }>(
      `SELECT ($1::text IS NULL OR EXISTS (SELECT 1 FROM framework_versions v JOIN role_families f ON f.version_id = v.id
                                          WHERE v.is_current AND f.slug = $1)) AS family,
              ($2::text IS NULL OR EXISTS (SELECT 1 FROM framework_versions v JOIN role_families f ON f.version_id = v.id
                                            JOIN roles r ON r.role_family_id = f.id
                                          WHERE ${LearningMapRepository.SCOPE})) AS role`,
      [scope.roleFamily ?? null, scope.role ?? null],
    );
    return row ?? { family: false, role: false };
  }

  /**
   * Each skill each role level requires (once, at its highest required level, in the framework's order), with the
   * active items taking a learner to at least that level (by title).
   */
  async requirements(scope: MapScope): Promise<MapRequirement[]> {
    return this.query<MapRequirement>(
      `WITH req AS (
         SELECT rl.id AS role_level_id, sk.slug, sk.name, max(q.required_level)::int AS required_level,
                min(q.position) AS position
           FROM framework_versions v
           JOIN role_families f ON f.version_id = v.id
           JOIN roles r ON r.role_family_id = f.id
           JOIN role_levels rl ON rl.role_id = r.id
           JOIN skill_requirements q ON q.role_level_id = rl.id
           JOIN skills sk ON sk.id = q.skill_id
          WHERE ${LearningMapRepository.SCOPE}
          GROUP BY rl.id, sk.slug, sk.name
       )
       SELECT req.role_level_id AS "roleLevelId", req.slug AS "skillSlug", req.name AS "skillName",
              req.required_level AS "requiredLevel",
              coalesce(json_agg(json_build_object('id', i.id, 'code', i.code, 'title', i.title, 'format', i.format,
                                                  'level', s.level) ORDER BY i.title, i.id)
                         FILTER (WHERE i.id IS NOT NULL), '[]'::json) AS items
         FROM req
         LEFT JOIN (learning_item_skills s JOIN learning_items i ON i.id = s.item_id AND i.active)
           ON s.skill_slug = req.slug AND s.level >= req.required_level
        GROUP BY req.role_level_id, req.slug, req.name, req.required_level, req.position
        ORDER BY req.role_level_id, req.position, req.slug`,
      [scope.roleFamily ?? null, scope.role ?? null],
    );
  }
}
