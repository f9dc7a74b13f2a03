export { PLANNING_ENTITIES, PLANNING_SERVICES } from './planning.providers.js';
