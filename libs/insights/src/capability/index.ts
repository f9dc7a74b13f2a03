export { CAPABILITY_INSIGHTS_ENTITIES, CAPABILITY_INSIGHTS_SERVICES } from './capability.providers.js';
