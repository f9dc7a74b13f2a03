export { CANDIDATES_ENTITIES, CANDIDATES_SERVICES } from './candidates.providers.js';
