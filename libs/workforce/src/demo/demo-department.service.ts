import { Transactional } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { StaffImportService } from '../staff-import/staff-import.service.js';
import { generateDemoDepartment, staffCsvLines, type DemoOptions } from './demo-department.generator.js';
import { DemoDepartmentRepository, type DemoPersonaStaff } from './demo-department.repository.js';

export interface LoadedDemoDepartment {
  units: number;
  staff: number;
}

/** Generates the demo department and loads it: units and locations set-based, staff through the HR import. */
@Injectable()
export class DemoDepartmentService {
  constructor(
    private readonly repository: DemoDepartmentRepository,
    private readonly imports: StaffImportService,
  ) {}

  /** Loads the department unless staff exist already (then null). Role levels come from the current framework. */
  @Transactional()
  async loadOnce(options: Omit<DemoOptions, 'roleLevels'> = {}): Promise<LoadedDemoDepartment | null> {
    if (await this.repository.anyStaff()) return null;
    const department = generateDemoDepartment({ ...options, roleLevels: await this.repository.roleLevels() });
    await this.repository.insertLocations(department.locations);
    await this.repository.insertUnits(department.units);
    const result = await this.imports.importCsv(null, Readable.from(staffCsvLines(department.staff)));
    return { units: department.units.length, staff: result.created };
  }

  /** The staff records the demo personas sign in as. */
  personaStaff(): Promise<DemoPersonaStaff> {
    return this.repository.personaStaff();
  }
}
