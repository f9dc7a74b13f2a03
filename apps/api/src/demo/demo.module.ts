import { AuthModule } from '@capability/auth';
import { WorkforceModule } from '@capability/workforce';
import { Module } from '@nestjs/common';
import { DemoPersonasSeeder } from './demo-personas.seeder.js';

/** Demo-only seeding that needs both auth and workforce (a lib may not import auth): the persona users. */
@Module({
  imports: [AuthModule, WorkforceModule],
  providers: [DemoPersonasSeeder],
})
export class DemoModule {}
