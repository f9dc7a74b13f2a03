import {
  paginate,
  TransactionalAdapterTypeOrm,
  TransactionHost,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { SkillLevelSlug } from './framework-document.js';
import { RoleFamily } from './role-family.entity.js';
import { RoleLevel } from './role-level.entity.js';
import { Role } from './role.entity.js';
import { SkillLevel } from './skill-level.entity.js';
import { Skill } from './skill.entity.js';

/** A role as the family tree lists it. */
export interface RoleSummary {
  id: string;
  slug: string;
  name: string;
  seniorCivilService: boolean;
  levelCount: number;
}

export interface RoleFamilyWithRoles {
  id: string;
  slug: string;
  name: string;
  roles: RoleSummary[];
}

/** A role level with the role and family it belongs to: what other contexts need to refer to one. */
export interface RoleLevelRef {
  id: string;
  versionId: string;
  slug: string;
  name: string;
  /** 1 = most junior within the role. */
  order: number;
  roleId: string;
  roleSlug: string;
  roleName: string;
  roleFamilyId: string;
  roleFamilySlug: string;
}

/** A skill a role level needs, once per skill (the source repeats a few), in published order. */
export interface RequiredSkill {
  roleLevelId: string;
  skillId: string;
  slug: string;
  name: string;
  requiredLevel: number;
  requiredLevelSlug: SkillLevelSlug;
  requiredLevelName: string;
  /** What someone at the required level can do, from the skill. */
  levelText: string | null;
}

/** A role level that requires a skill, and at which level. */
export interface SkillUse extends RoleLevelRef {
  roleFamilyName: string;
  requiredLevel: number;
  requiredLevelSlug: SkillLevelSlug;
  requiredLevelName: string;
}

export interface SkillFilter {
  versionId: string;
  /** Name contains, case-insensitive. */
  q?: string;
  /** Role family id: skills some role level of the family requires, or some SCS role of it lists. */
  roleFamilyId?: string;
}

/** A uuid is an id; anything else a slug within the version. */
export function isUuid(idOrSlug: string): boolean {
  return isUUID(idOrSlug);
}

const ROLE_LEVEL_REF = `
  rl.id, rl.version_id AS "versionId", rl.slug, rl.name, rl.position AS "order",
  r.id AS "roleId", r.slug AS "roleSlug", r.name AS "roleName",
  f.id AS "roleFamilyId", f.slug AS "roleFamilySlug"`;

/** Reads of the stored framework: families, roles, levels, skills and requirements of one version. */
@Injectable()
export class FrameworkCatalogueRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /** Families in published order, each with its roles and their level counts. */
  async familiesWithRoles(versionId: string): Promise<RoleFamilyWithRoles[]> {
    const rows: {
      family_id: string;
      family_slug: string;
      family_name: string;
      role_id: string | null;
      role_slug: string;
      role_name: string;
      senior_civil_service: boolean;
      level_count: number;
    }[] = await this.tx.query(
      `SELECT f.id AS family_id, f.slug AS family_slug, f.name AS family_name,
              r.id AS role_id, r.slug AS role_slug, r.name AS role_name, r.senior_civil_service,
              (SELECT count(*)::int FROM role_levels rl WHERE rl.role_id = r.id) AS level_count
         FROM role_families f LEFT JOIN roles r ON r.role_family_id = f.id
        WHERE f.version_id = $1
        ORDER BY f.position, r.position`,
      [versionId],
    );
    const families = new Map<string, RoleFamilyWithRoles>();
    for (const row of rows) {
      let family = families.get(row.family_id);
      if (!family) {
        family = { id: row.family_id, slug: row.family_slug, name: row.family_name, roles: [] };
        families.set(row.family_id, family);
      }
      if (row.role_id) {
        family.roles.push({
          id: row.role_id,
          slug: row.role_slug,
          name: row.role_name,
          seniorCivilService: row.senior_civil_service,
          levelCount: row.level_count,
        });
      }
    }
    return [...families.values()];
  }

  findFamilyBySlug(versionId: string, slug: string): Promise<RoleFamily | null> {
    return this.tx.getRepository(RoleFamily).findOneBy({ versionId, slug });
  }

  findFamilyById(id: string): Promise<RoleFamily | null> {
    return this.tx.getRepository(RoleFamily).findOneBy({ id });
  }

  findRoleById(id: string): Promise<Role | null> {
    return this.tx.getRepository(Role).findOneBy({ id });
  }

  findRoleBySlug(versionId: string, slug: string): Promise<Role | null> {
    return this.tx.getRepository(Role).findOneBy({ versionId, slug });
  }

  /** A role's levels in order (junior first). */
  levelsOfRole(roleId: string): Promise<RoleLevel[]> {
    return this.tx.getRepository(RoleLevel).find({ where: { roleId }, order: { position: 'ASC' } });
  }

  /** The skills each level of a role requires: a repeated entry once (its first), in published order. */
  requirementsOfRole(roleId: string): Promise<RequiredSkill[]> {
    return this.tx.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (q.role_level_id, q.skill_id)
                q.role_level_id AS "roleLevelId", s.id AS "skillId", s.slug, s.name,
                q.required_level AS "requiredLevel", sl.slug AS "requiredLevelSlug", sl.name AS "requiredLevelName",
                CASE q.required_level WHEN 1 THEN s.awareness_text WHEN 2 THEN s.working_text
                                      WHEN 3 THEN s.practitioner_text ELSE s.expert_text END AS "levelText",
                q.position
           FROM skill_requirements q
           JOIN role_levels rl ON rl.id = q.role_level_id
           JOIN skills s ON s.id = q.skill_id
           JOIN skill_levels sl ON sl.version_id = q.version_id AND sl.level = q.required_level
          WHERE rl.role_id = $1
          ORDER BY q.role_level_id, q.skill_id, q.position
       ) AS first_entries
       ORDER BY "roleLevelId", position`,
      [roleId],
    );
  }

  /** Skills of a Senior Civil Service role, in published order. */
  skillsOfRole(roleId: string): Promise<Skill[]> {
    return this.tx
      .getRepository(Skill)
      .createQueryBuilder('s')
      .innerJoin('role_skills', 'rs', 'rs.skill_id = s.id')
      .where('rs.role_id = :roleId', { roleId })
      .orderBy('rs.position')
      .getMany();
  }

  findSkillById(id: string): Promise<Skill | null> {
    return this.tx.getRepository(Skill).findOneBy({ id });
  }

  findSkillBySlug(versionId: string, slug: string): Promise<Skill | null> {
    return this.tx.getRepository(Skill).findOneBy({ versionId, slug });
  }

  /** Skills by name (then id), keyset-paginated. */
  listSkills(filter: SkillFilter, page: PageQuery): Promise<Page<Skill>> {
    const qb = this.tx
      .getRepository(Skill)
      .createQueryBuilder('s')
      .where('s.version_id = :versionId', { versionId: filter.versionId });
    if (filter.q) {
      qb.andWhere(`s.name ILIKE :q ESCAPE '\\'`, { q: `%${filter.q.replace(/[\\%_]/g, '\\$&')}%` });
    }
    if (filter.roleFamilyId) {
      qb.andWhere(
        `(EXISTS (SELECT 1 FROM skill_requirements q
                    JOIN role_levels rl ON rl.id = q.role_level_id JOIN roles r ON r.id = rl.role_id
                   WHERE q.skill_id = s.id AND r.role_family_id = :familyId)
          OR EXISTS (SELECT 1 FROM role_skills rs JOIN roles r ON r.id = rs.role_id
                      WHERE rs.skill_id = s.id AND r.role_family_id = :familyId))`,
        { familyId: filter.roleFamilyId },
      );
    }
    return paginate(qb, page, [
      { column: 's.name', value: (s) => s.name },
      { column: 's.id', value: (s) => s.id },
    ]);
  }

  /** The four skill levels of a version, awareness first. */
  skillLevels(versionId: string): Promise<SkillLevel[]> {
    return this.tx.getRepository(SkillLevel).find({ where: { versionId }, order: { level: 'ASC' } });
  }

  /** Every role level that requires the skill, once each, in family, role and level order. */
  usesOfSkill(skillId: string): Promise<SkillUse[]> {
    return this.tx.query(
      `SELECT ${ROLE_LEVEL_REF}, f.name AS "roleFamilyName",
              first_entry.required_level AS "requiredLevel", sl.slug AS "requiredLevelSlug", sl.name AS "requiredLevelName"
         FROM (SELECT DISTINCT ON (q.role_level_id) q.role_level_id, q.required_level, q.version_id
                 FROM skill_requirements q WHERE q.skill_id = $1 ORDER BY q.role_level_id, q.position) AS first_entry
         JOIN role_levels rl ON rl.id = first_entry.role_level_id
         JOIN roles r ON r.id = rl.role_id
         JOIN role_families f ON f.id = r.role_family_id
         JOIN skill_levels sl ON sl.version_id = first_entry.version_id AND sl.level = first_entry.required_level
        ORDER BY f.position, r.position, rl.position`,
      [skillId],
    );
  }

  /** Senior Civil Service roles that list the skill. */
  scsRolesOfSkill(skillId: string): Promise<Role[]> {
    return this.tx
      .getRepository(Role)
      .createQueryBuilder('r')
      .innerJoin('role_skills', 'rs', 'rs.role_id = r.id')
      .innerJoin('role_families', 'f', 'f.id = r.role_family_id')
      .where('rs.skill_id = :skillId', { skillId })
      .orderBy('f.position')
      .addOrderBy('r.position')
      .getMany();
  }

  roleLevelsBySlugs(versionId: string, slugs: string[]): Promise<RoleLevelRef[]> {
    return this.tx.query(
      `SELECT ${ROLE_LEVEL_REF}
         FROM role_levels rl JOIN roles r ON r.id = rl.role_id JOIN role_families f ON f.id = r.role_family_id
        WHERE rl.version_id = $1 AND rl.slug = ANY($2::varchar[])`,
      [versionId, slugs],
    );
  }

  roleLevelsByIds(ids: string[]): Promise<RoleLevelRef[]> {
    return this.tx.query(
      `SELECT ${ROLE_LEVEL_REF}
         FROM role_levels rl JOIN roles r ON r.id = rl.role_id JOIN role_families f ON f.id = r.role_family_id
        WHERE rl.id = ANY($1::uuid[])`,
      [ids],
    );
  }
}
