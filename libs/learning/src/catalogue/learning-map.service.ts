import { RoleFamilyNotFound, RoleNotFound } from '@capability/framework';
import { Injectable } from '@nestjs/common';
import { LearningMapScopeMissing } from './learning-catalogue.errors.js';
import { LearningMapRepository, type MapItemRef, type MapRoleLevel, type MapScope } from './learning-map.repository.js';

export interface MapSkill {
  slug: string;
  name: string;
  requiredLevel: number;
  /** Active items taking a learner to at least the required level. */
  items: MapItemRef[];
}

export interface MapLevel extends MapRoleLevel {
  skills: MapSkill[];
  /** Required skills with no such item: the holes a head of profession fills. */
  holes: Omit<MapSkill, 'items'>[];
}

/** The learning map: for each role level of a family or role, its required skills and the learning that meets them. */
@Injectable()
export class LearningMapService {
  constructor(private readonly map: LearningMapRepository) {}

  async forScope(scope: MapScope): Promise<MapLevel[]> {
    if (!scope.roleFamily && !scope.role) throw new LearningMapScopeMissing();
    const exists = await this.map.exists(scope);
    if (!exists.family) throw new RoleFamilyNotFound(scope.roleFamily as string);
    if (!exists.role) throw new RoleNotFound(scope.role as string);
    const [levels, requirements] = await Promise.all([this.map.roleLevels(scope), this.map.requirements(scope)]);
    const byLevel = new Map<string, MapSkill[]>();
    for (const r of requirements) {
      const list = byLevel.get(r.roleLevelId) ?? [];
      list.push({ slug: r.skillSlug, name: r.skillName, requiredLevel: r.requiredLevel, items: r.items });
      byLevel.set(r.roleLevelId, list);
    }
    return levels.map((level) => {
      const skills = byLevel.get(level.roleLevelId) ?? [];
      return {
        ...level,
        skills,
        holes: skills
          .filter((s) => s.items.length === 0)
          .map(({ slug, name, requiredLevel }) => ({ slug, name, requiredLevel })),
      };
    });
  }
}
