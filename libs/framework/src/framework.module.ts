import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FrameworkVersion } from './framework-version.entity.js';
import { RoleFamily } from './role-family.entity.js';
import { RoleLevel } from './role-level.entity.js';
import { RoleSkill } from './role-skill.entity.js';
import { Role } from './role.entity.js';
import { SkillLevel } from './skill-level.entity.js';
import { SkillRequirement } from './skill-requirement.entity.js';
import { Skill } from './skill.entity.js';

export const FRAMEWORK_ENTITIES = [
  FrameworkVersion,
  RoleFamily,
  Role,
  RoleLevel,
  Skill,
  SkillLevel,
  SkillRequirement,
  RoleSkill,
];

/** The DDaT capability framework: versions, families, roles, levels, skills and required levels. */
@Module({
  imports: [TypeOrmModule.forFeature(FRAMEWORK_ENTITIES)],
  providers: [],
  exports: [],
})
export class FrameworkModule {}
