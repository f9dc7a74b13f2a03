export { REVIEWS_DEMO_PROVIDERS } from './demo/demo.providers.js';
export { InclusionDemoSeeder } from './demo/inclusion-demo.seeder.js';
export { SkillsReviewDemoSeeder } from './demo/skills-review-demo.seeder.js';
export * from './inclusion/index.js';
export { REVIEWS_ENTITIES, ReviewsModule } from './reviews.module.js';
export * from './skills/index.js';
