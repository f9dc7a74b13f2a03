import { Seeder, type SeederHandler } from '@capability/platform';
import { Injectable } from '@nestjs/common';

/** The demo panel member persona's email (the API's demo personas sign in with it). */
export const DEMO_PANEL_MEMBER_EMAIL = 'panel.member@department.example';

@Injectable()
@Seeder({ name: 'demo-recruitment-planning', order: 170, demo: true })
export class PlanningDemoSeeder implements SeederHandler {
  async seed(): Promise<void> {}
}
