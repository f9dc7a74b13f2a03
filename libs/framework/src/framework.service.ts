import type { Page, PageQuery } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import {
  FrameworkCatalogueRepository,
  isUuid,
  type RequiredSkill,
  type RoleFamilyWithRoles,
  type RoleLevelRef,
  type SkillUse,
} from './framework-catalogue.repository.js';
import type { FrameworkVersion } from './framework-version.entity.js';
import { FrameworkVersionsRepository } from './framework-versions.repository.js';
import {
  FrameworkVersionNotFound,
  RoleFamilyNotFound,
  RoleLevelNotFound,
  RoleNotFound,
  SkillNotFound,
} from './framework.errors.js';
import type { RoleFamily } from './role-family.entity.js';
import type { RoleLevel } from './role-level.entity.js';
import type { Role } from './role.entity.js';
import type { SkillLevel } from './skill-level.entity.js';
import type { Skill } from './skill.entity.js';

export interface RoleFamilies {
  version: FrameworkVersion;
  families: RoleFamilyWithRoles[];
}

export interface RoleDetails {
  role: Role;
  family: RoleFamily;
  /** In order, junior first, each with the skills it requires (repeats shown once). */
  levels: { level: RoleLevel; skills: RequiredSkill[] }[];
  /** Senior Civil Service roles: their skills (no levels). Empty for other roles. */
  skills: Skill[];
}

export interface SkillDetails {
  skill: Skill;
  /** The version's four skill levels, awareness first. */
  levels: SkillLevel[];
  /** Role levels that require the skill, and at which level. */
  requiredBy: SkillUse[];
  /** Senior Civil Service roles that list the skill. */
  seniorCivilServiceRoles: Role[];
}

export interface SkillSearch {
  /** A version id; the current version when absent. */
  versionId?: string;
  q?: string;
  /** Role family slug. */
  family?: string;
}

/**
 * Reads of the capability framework, of the current version unless a version is named. Roles and
 * skills are found by id, or by slug within the version. Other contexts use `currentVersion` and the
 * role-level look-ups to refer to role levels.
 */
@Injectable()
export class FrameworkService {
  constructor(
    private readonly versions: FrameworkVersionsRepository,
    private readonly catalogue: FrameworkCatalogueRepository,
  ) {}

  /** The current version; 404 framework-version-not-found when none is current yet. */
  async currentVersion(): Promise<FrameworkVersion> {
    const version = await this.versions.findCurrent();
    if (!version) throw new FrameworkVersionNotFound();
    return version;
  }

  /** The named version, or the current one. */
  async resolveVersion(versionId?: string): Promise<FrameworkVersion> {
    if (!versionId) return this.currentVersion();
    const version = await this.versions.findById(versionId);
    if (!version) throw new FrameworkVersionNotFound(versionId);
    return version;
  }

  async roleFamilies(versionId?: string): Promise<RoleFamilies> {
    const version = await this.resolveVersion(versionId);
    return { version, families: await this.catalogue.familiesWithRoles(version.id) };
  }

  async role(idOrSlug: string, versionId?: string): Promise<RoleDetails> {
    const role = await this.findInVersion(
      idOrSlug,
      versionId,
      (id) => this.catalogue.findRoleById(id),
      (version, slug) => this.catalogue.findRoleBySlug(version, slug),
    );
    if (!role) throw new RoleNotFound(idOrSlug);
    // One query after another: one pooled connection per request, and safe inside a transaction.
    const family = await this.catalogue.findFamilyById(role.roleFamilyId);
    if (!family) throw new RoleNotFound(idOrSlug);
    const levels = await this.catalogue.levelsOfRole(role.id);
    const requirements = await this.catalogue.requirementsOfRole(role.id);
    const skills = role.seniorCivilService ? await this.catalogue.skillsOfRole(role.id) : [];
    return {
      role,
      family,
      levels: levels.map((level) => ({ level, skills: requirements.filter((q) => q.roleLevelId === level.id) })),
      skills,
    };
  }

  async skills(search: SkillSearch, page: PageQuery): Promise<Page<Skill>> {
    const version = await this.resolveVersion(search.versionId);
    let roleFamilyId: string | undefined;
    if (search.family) {
      const family = await this.catalogue.findFamilyBySlug(version.id, search.family);
      if (!family) throw new RoleFamilyNotFound(search.family);
      roleFamilyId = family.id;
    }
    return this.catalogue.listSkills({ versionId: version.id, q: search.q, roleFamilyId }, page);
  }

  async skill(idOrSlug: string, versionId?: string): Promise<SkillDetails> {
    const skill = await this.findInVersion(
      idOrSlug,
      versionId,
      (id) => this.catalogue.findSkillById(id),
      (version, slug) => this.catalogue.findSkillBySlug(version, slug),
    );
    if (!skill) throw new SkillNotFound(idOrSlug);
    const levels = await this.catalogue.skillLevels(skill.versionId);
    const requiredBy = await this.catalogue.usesOfSkill(skill.id);
    const seniorCivilServiceRoles = await this.catalogue.scsRolesOfSkill(skill.id);
    return { skill, levels, requiredBy, seniorCivilServiceRoles };
  }

  /** Role levels of a version by slug; slugs not in the version are absent from the map. */
  async findRoleLevelsBySlugs(versionId: string, slugs: readonly string[]): Promise<Map<string, RoleLevelRef>> {
    if (slugs.length === 0) return new Map();
    const rows = await this.catalogue.roleLevelsBySlugs(versionId, [...new Set(slugs)]);
    return new Map(rows.map((r) => [r.slug, r]));
  }

  /** One role level of a version by slug; 404 role-level-not-found when the version has none. */
  async roleLevelBySlug(versionId: string, slug: string): Promise<RoleLevelRef> {
    const found = (await this.findRoleLevelsBySlugs(versionId, [slug])).get(slug);
    if (!found) throw new RoleLevelNotFound(slug);
    return found;
  }

  /** Role levels (of any version) by id; unknown ids are absent from the map. */
  async findRoleLevelsByIds(ids: readonly string[]): Promise<Map<string, RoleLevelRef>> {
    if (ids.length === 0) return new Map();
    const rows = await this.catalogue.roleLevelsByIds([...new Set(ids)]);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /**
   * By id (when `versionId` is given it must be the thing's version), or by slug within the named or
   * current version.
   */
  private async findInVersion<T extends { versionId: string }>(
    idOrSlug: string,
    versionId: string | undefined,
    byId: (id: string) => Promise<T | null>,
    bySlug: (versionId: string, slug: string) => Promise<T | null>,
  ): Promise<T | null> {
    if (isUuid(idOrSlug)) {
      if (versionId) await this.resolveVersion(versionId);
      const found = await byId(idOrSlug);
      return found && (!versionId || found.versionId === versionId) ? found : null;
    }
    const version = await this.resolveVersion(versionId);
    return bySlug(version.id, idOrSlug);
  }
}
