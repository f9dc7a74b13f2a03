import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FrameworkCatalogueRepository } from './framework-catalogue.repository.js';
import { FrameworkVersion } from './framework-version.entity.js';
import { FrameworkVersionsRepository } from './framework-versions.repository.js';
import { FrameworkVersionsService } from './framework-versions.service.js';
import { FrameworkSeeder } from './framework.seeder.js';
import { FrameworkService } from './framework.service.js';
import { InclusionScaleService } from './inclusion-scale.service.js';
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

/**
 * The DDaT capability framework: versions, families, roles, levels, skills and required levels; and the
 * digital inclusion scale. Seeds the shipped framework at start.
 */
@Module({
  imports: [TypeOrmModule.forFeature(FRAMEWORK_ENTITIES)],
  providers: [
    FrameworkVersionsRepository,
    FrameworkCatalogueRepository,
    FrameworkVersionsService,
    FrameworkService,
    InclusionScaleService,
    FrameworkSeeder,
  ],
  exports: [FrameworkVersionsService, FrameworkService, InclusionScaleService],
})
export class FrameworkModule {}
