import type { Provider } from '@nestjs/common';
import { InclusionDemoSeeder } from './inclusion-demo.seeder.js';
import { SkillsReviewDemoSeeder } from './skills-review-demo.seeder.js';

/** The demo department's reviews and digital inclusion (demo seeders: `npm start` on the embedded database only). */
export const REVIEWS_DEMO_PROVIDERS: Provider[] = [SkillsReviewDemoSeeder, InclusionDemoSeeder];
