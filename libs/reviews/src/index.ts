export * from './inclusion/index.js';
export { REVIEWS_ENTITIES, ReviewsModule } from './reviews.module.js';
export * from './skills/index.js';
