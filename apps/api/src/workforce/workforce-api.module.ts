import { WorkforceModule } from '@capability/workforce';
import { Module } from '@nestjs/common';
import { GradesController } from './grades.controller.js';
import { LocationsController } from './locations.controller.js';
import { OrganisationUnitsController } from './organisation-units.controller.js';
import { RoleAssignmentsController } from './role-assignments.controller.js';
import { StaffImportExportController } from './staff-import-export.controller.js';
import { StaffController } from './staff.controller.js';

/** HTTP for organisation units, locations, staff, role assignments, and the HR-system import/export. */
@Module({
  imports: [WorkforceModule],
  controllers: [
    GradesController,
    LocationsController,
    OrganisationUnitsController,
    StaffController,
    RoleAssignmentsController,
    StaffImportExportController,
  ],
})
export class WorkforceApiModule {}
