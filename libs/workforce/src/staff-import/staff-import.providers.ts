import { StaffExportRepository } from '../staff-export/staff-export.repository.js';
import { StaffExportService } from '../staff-export/staff-export.service.js';
import { StaffImportRepository } from './staff-import.repository.js';
import { StaffImportService } from './staff-import.service.js';

/** The HR-system import and export, registered by WorkforceModule, which exports the services. */
export const STAFF_IMPORT_EXPORT_SERVICES = [StaffImportService, StaffExportService];
export const STAFF_IMPORT_EXPORT_PROVIDERS = [
  StaffImportRepository,
  StaffExportRepository,
  ...STAFF_IMPORT_EXPORT_SERVICES,
];
