export * from './catalogue/index.js';
export { LEARNING_ENTITIES, LearningModule } from './learning.module.js';
export * from './records/index.js';
