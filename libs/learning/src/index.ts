export * from './catalogue/index.js';
export { LEARNING_ENTITIES, LearningModule } from './learning.module.js';
export * from './plans/index.js';
export * from './recommendations/index.js';
export * from './records/index.js';
