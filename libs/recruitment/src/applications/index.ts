export { APPLICATIONS_ENTITIES, APPLICATIONS_SERVICES } from './applications.providers.js';
