export {
  isUuid,
  type RequiredSkill,
  type RoleFamilyWithRoles,
  type RoleLevelRef,
  type RoleSummary,
  type SkillUse,
} from './framework-catalogue.repository.js';
export {
  diffFrameworks,
  type Changed,
  type FrameworkDiff,
  type Named,
  type RequirementChange,
  type RequirementEntry,
  type Section,
} from './framework-diff.js';
export {
  SKILL_LEVEL_SLUGS,
  contentHash,
  contentOf,
  countsOf,
  skillLevelNumber,
  type FrameworkContent,
  type FrameworkCounts,
  type FrameworkDocument,
  type SkillLevelSlug,
} from './framework-document.js';
export {
  MAX_FRAMEWORK_PROBLEMS,
  formatPath,
  validateFramework,
  type FrameworkValidation,
} from './framework-validator.js';
export { FrameworkVersion } from './framework-version.entity.js';
export {
  FrameworkVersionsService,
  type FrameworkVersionDiff,
  type FrameworkVersionSummary,
} from './framework-versions.service.js';
export {
  FrameworkInvalid,
  FrameworkVersionExists,
  FrameworkVersionNotFound,
  RoleFamilyNotFound,
  RoleLevelNotFound,
  RoleNotFound,
  SkillNotFound,
  type FrameworkProblem,
} from './framework.errors.js';
export { FRAMEWORK_ENTITIES, FrameworkModule } from './framework.module.js';
export { FRAMEWORK_SCHEMA } from './framework.schema.js';
export { FRAMEWORK_TABLES, FrameworkSeeder } from './framework.seeder.js';
export {
  FrameworkService,
  type RoleDetails,
  type RoleFamilies,
  type SkillDetails,
  type SkillSearch,
} from './framework.service.js';
export { INCLUSION_TARGET_LEVEL, InclusionScaleService, type InclusionLevel } from './inclusion-scale.service.js';
export { RoleFamily } from './role-family.entity.js';
export { RoleLevel } from './role-level.entity.js';
export { RoleSkill } from './role-skill.entity.js';
export { Role } from './role.entity.js';
export { SkillLevel } from './skill-level.entity.js';
export { SkillRequirement } from './skill-requirement.entity.js';
export { Skill } from './skill.entity.js';
