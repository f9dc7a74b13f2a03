import { DemoDepartmentRepository } from './demo-department.repository.js';
import { DemoDepartmentSeeder } from './demo-department.seeder.js';
import { DemoDepartmentService } from './demo-department.service.js';

/** The demo department (demo-only seeding), registered by WorkforceModule, which exports the service. */
export const DEMO_SERVICES = [DemoDepartmentService];
export const DEMO_PROVIDERS = [DemoDepartmentRepository, DemoDepartmentSeeder, ...DEMO_SERVICES];
