export { FIGURES_ENTITIES, FIGURES_SERVICES } from './figures.providers.js';
