export { Grade } from './grade.entity.js';
export { Location } from './location.entity.js';
export { OrganisationUnit, UNIT_TYPES, type UnitType } from './organisation-unit.entity.js';
export { RoleAssignment } from './role-assignment.entity.js';
export { staffScope, staffScopeCondition, staffScopeLiteralCondition, type StaffScope } from './staff-scope.js';
export { EMPLOYMENT_TYPES, Staff, type EmploymentType } from './staff.entity.js';
export { WORKFORCE_ENTITIES, WorkforceModule } from './workforce.module.js';
