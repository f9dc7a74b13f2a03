import { StaffExportRepository } from '../staff-export/staff-export.repository.js';
import { StaffExportService } from '../staff-export/staff-export.service.js';
import { StaffImportRepository } from './staff-import.repository.js';
import { StaffImportService } from './staff-import.service.js';

/** The HR-system import and export, registered by WorkforceModule, which exports the services. */
/** The export repository too: other contexts' CSV exports stream through its COPY and share its slots. */
export const STAFF_IMPORT_EXPORT_SERVICES = [StaffImportService, StaffExportService, StaffExportRepository];
export const STAFF_IMPORT_EXPORT_PROVIDERS = [StaffImportRepository, ...STAFF_IMPORT_EXPORT_SERVICES];
