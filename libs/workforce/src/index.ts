export { CivilServiceGradesSeeder } from './civil-service-grades.seeder.js';
export { currentPrimaryAssignmentSql } from './current-role.sql.js';
export { today } from './dates.js';
export {
  DEMO_DEPARTMENT_CODE,
  DEMO_SEED,
  DEMO_SIZE,
  TIER_GRADES,
  generateDemoDepartment,
  staffCsvLines,
  tierOf,
  type DemoDepartment,
  type DemoLocation,
  type DemoOptions,
  type DemoRoleLevel,
  type DemoUnit,
  type LevelTier,
} from './demo/demo-department.generator.js';
export { type DemoPersonaStaff } from './demo/demo-department.repository.js';
export { DemoDepartmentService, type LoadedDemoDepartment } from './demo/demo-department.service.js';
export { currentRoleLevels, insertDemoLocations, insertDemoUnits, type RunSql } from './demo/demo-organisation.sql.js';
export { Grade } from './grade.entity.js';
export { GradesService } from './grades.service.js';
export { Location } from './location.entity.js';
export { LocationNotFound } from './location.errors.js';
export { type LocationFilter, type LocationPatch } from './locations.repository.js';
export { LocationsService, type NewLocation } from './locations.service.js';
export { OrganisationUnit, UNIT_TYPES, type UnitType } from './organisation-unit.entity.js';
export {
  InvalidUnitPlacement,
  OrganisationUnitCycle,
  OrganisationUnitNotFound,
  ParentUnitNotFound,
} from './organisation-unit.errors.js';
export { type UnitFilter } from './organisation-units.repository.js';
export {
  OrganisationUnitsService,
  type NewOrganisationUnit,
  type OrganisationUnitChanges,
  type OrganisationUnitDetail,
} from './organisation-units.service.js';
export { RoleAssignment } from './role-assignment.entity.js';
export { RoleAssignmentStartsTooEarly, UnknownRoleLevel } from './role-assignment.errors.js';
export { RoleAssignmentsService, type NewRoleAssignment } from './role-assignments.service.js';
export { detailedStatement } from './staff-detail.sql.js';
export { auditedExport } from './staff-export/audited-export.js';
export { StaffExportRepository, exportSlots, type ExportStream } from './staff-export/staff-export.repository.js';
export { StaffExportService, type StaffExport } from './staff-export/staff-export.service.js';
export {
  CopyWriter,
  IMPORT_TIMEOUTS_SQL,
  copyValue,
  importTimeoutValues,
  openCopyFrom,
} from './staff-import/copy-writer.js';
export { ImportErrorList, readCsvRecords, type CsvRecordHandler } from './staff-import/csv-reader.js';
export {
  CSV_TRANSFER_TIMEOUT_MS,
  STAFF_CSV_COLUMNS,
  STAFF_CSV_COLUMN_DOCS,
  escapeFormula,
  escapeFormulaSql,
  unescapeFormula,
  type StaffCsvColumn,
  type StaffCsvRow,
} from './staff-import/staff-csv.js';
export {
  CsvBodyRequired,
  ImportInvalid,
  ImportTooManyRows,
  MAX_REPORTED_ERRORS,
  type ImportRowError,
} from './staff-import/staff-import.errors.js';
export { SAMPLE_SIZE, type ImportChange, type ImportCounts } from './staff-import/staff-import.repository.js';
export { StaffImportService, type ImportOptions, type ImportResult } from './staff-import/staff-import.service.js';
export { readCsvHeader } from './staff-import/staff-row.validator.js';
export { StaffPermission } from './staff-permissions.js';
export { SELF_EDITABLE_FIELDS, STAFF_STATUSES, staffStatus, type StaffStatus } from './staff-rules.js';
export { staffScope, staffScopeLiteralCondition, staffScopeSql, type StaffScope } from './staff-scope.js';
export { EMPLOYMENT_TYPES, Staff, type EmploymentType } from './staff.entity.js';
export { FieldNotWritable, LineManagementCycle, StaffNotEditable, StaffNotFound } from './staff.errors.js';
export { type StaffFilter } from './staff.repository.js';
export { StaffService, type NewStaff, type StaffChanges } from './staff.service.js';
export { WORKFORCE_ENTITIES, WorkforceModule } from './workforce.module.js';
