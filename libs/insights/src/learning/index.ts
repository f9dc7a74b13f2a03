export { LEARNING_INSIGHTS_ENTITIES, LEARNING_INSIGHTS_SERVICES } from './learning.providers.js';
