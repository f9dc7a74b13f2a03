import { Seeder, type SeederHandler } from '@capability/platform';
import { Injectable, Logger } from '@nestjs/common';
import { DemoDepartmentService } from './demo-department.service.js';

/** Loads the demo department once: `npm start` on the embedded database, unless SEED_DEMO=false. */
@Injectable()
@Seeder({ name: 'demo-department', order: 100, demo: true })
export class DemoDepartmentSeeder implements SeederHandler {
  private readonly logger = new Logger(DemoDepartmentSeeder.name);

  constructor(private readonly demo: DemoDepartmentService) {}

  async seed(): Promise<void> {
    const loaded = await this.demo.loadOnce();
    if (loaded) this.logger.log(`Loaded the demo department: ${loaded.units} units, ${loaded.staff} staff`);
  }
}
