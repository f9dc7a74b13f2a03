export * from './capability/index.js';
export * from './common/index.js';
export { INSIGHTS_ENTITIES, InsightsModule } from './insights.module.js';
export * from './learning/index.js';
export * from './people/index.js';
export * from './recruitment/index.js';
