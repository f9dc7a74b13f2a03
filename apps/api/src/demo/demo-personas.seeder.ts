import { UsersService } from '@capability/auth';
import { Seeder, type SeederHandler } from '@capability/platform';
import { DemoDepartmentService } from '@capability/workforce';
import { Injectable, Logger } from '@nestjs/common';
import { DEMO_PERSONAS } from './demo-personas.js';

/**
 * After the demo department: one user per persona (HR, head of Data, line manager, member of staff),
 * linked to a fitting staff record, with the known demo password. Users that exist are left alone.
 */
@Injectable()
@Seeder({ name: 'demo-personas', order: 110, demo: true })
export class DemoPersonasSeeder implements SeederHandler {
  private readonly logger = new Logger(DemoPersonasSeeder.name);

  constructor(
    private readonly users: UsersService,
    private readonly demo: DemoDepartmentService,
  ) {}

  async seed(): Promise<void> {
    const staff = await this.demo.personaStaff();
    let created = 0;
    for (const persona of DEMO_PERSONAS) {
      const { items } = await this.users.list({ email: persona.email }, { limit: 100 });
      if (items.some((u) => u.email === persona.email)) continue;
      await this.users.create(null, {
        email: persona.email,
        displayName: persona.displayName,
        roles: persona.roles,
        roleFamilies: persona.roleFamilies,
        staffId: persona.staff ? staff[persona.staff] : null,
        password: persona.password,
      });
      created++;
    }
    if (created) this.logger.log(`Created ${created} demo persona users`);
  }
}
