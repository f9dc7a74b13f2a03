import { FrameworkModule } from '@capability/framework';
import { registerConstraintMessages } from '@capability/platform';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CivilServiceGradesSeeder } from './civil-service-grades.seeder.js';
import { DEMO_PROVIDERS, DEMO_SERVICES } from './demo/demo.providers.js';
import { Grade } from './grade.entity.js';
import { GradesRepository } from './grades.repository.js';
import { GradesService } from './grades.service.js';
import { Location } from './location.entity.js';
import { LocationsRepository } from './locations.repository.js';
import { LocationsService } from './locations.service.js';
import { OrganisationUnit } from './organisation-unit.entity.js';
import { OrganisationUnitsRepository } from './organisation-units.repository.js';
import { OrganisationUnitsService } from './organisation-units.service.js';
import { RoleAssignment } from './role-assignment.entity.js';
import { RoleAssignmentsRepository } from './role-assignments.repository.js';
import { RoleAssignmentsService } from './role-assignments.service.js';
import { STAFF_IMPORT_EXPORT_PROVIDERS, STAFF_IMPORT_EXPORT_SERVICES } from './staff-import/staff-import.providers.js';
import { Staff } from './staff.entity.js';
import { StaffRepository } from './staff.repository.js';
import { StaffService } from './staff.service.js';

export const WORKFORCE_ENTITIES = [OrganisationUnit, Location, Grade, Staff, RoleAssignment];

registerConstraintMessages({
  uq_staff_staff_number: 'A member of staff with this staff number already exists',
  fk_staff_unit_id: 'The organisation unit does not exist, or still has staff in it',
  fk_staff_location_id: 'The location does not exist, or still has staff at it',
  fk_staff_grade_id: 'The grade does not exist, or is still held by staff',
  fk_staff_line_manager_id: 'The line manager does not exist',
  ck_staff_leaving_after_start: 'leavingDate must be on or after startDate',
  ck_staff_not_own_manager: 'A person cannot be their own line manager',
  uq_organisation_units_code: 'An organisation unit with this code already exists',
  fk_organisation_units_parent_id: 'The parent unit does not exist, or still has units under it',
  uq_locations_code: 'A location with this code already exists',
  uq_locations_name: 'A location with this name already exists',
  uq_role_assignments_one_open_primary: 'This person already has an open primary role assignment',
  ck_role_assignments_ends_after_start: 'A role assignment must end after it starts',
  fk_role_assignments_role_level_id: 'The role level does not exist',
});

/** Organisation units, locations, grades, staff and their effective-dated role assignments. */
@Module({
  imports: [TypeOrmModule.forFeature(WORKFORCE_ENTITIES), FrameworkModule],
  providers: [
    GradesRepository,
    GradesService,
    CivilServiceGradesSeeder,
    LocationsRepository,
    LocationsService,
    OrganisationUnitsRepository,
    OrganisationUnitsService,
    StaffRepository,
    StaffService,
    RoleAssignmentsRepository,
    RoleAssignmentsService,
    ...STAFF_IMPORT_EXPORT_PROVIDERS,
    ...DEMO_PROVIDERS,
  ],
  exports: [
    GradesService,
    LocationsService,
    OrganisationUnitsService,
    StaffService,
    RoleAssignmentsService,
    ...STAFF_IMPORT_EXPORT_SERVICES,
    ...DEMO_SERVICES,
  ],
})
export class WorkforceModule {}
