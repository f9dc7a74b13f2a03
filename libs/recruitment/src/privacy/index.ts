export { PRIVACY_ENTITIES, PRIVACY_SERVICES } from './privacy.providers.js';
