export { FrameworkVersion } from './framework-version.entity.js';
export { FRAMEWORK_ENTITIES, FrameworkModule } from './framework.module.js';
export { RoleFamily } from './role-family.entity.js';
export { RoleLevel } from './role-level.entity.js';
export { RoleSkill } from './role-skill.entity.js';
export { Role } from './role.entity.js';
export { SkillLevel } from './skill-level.entity.js';
export { SkillRequirement } from './skill-requirement.entity.js';
export { Skill } from './skill.entity.js';
