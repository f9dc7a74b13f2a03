export { PEOPLE_INSIGHTS_ENTITIES, PEOPLE_INSIGHTS_SERVICES } from './people.providers.js';
