// Enhances the GOV.UK Frontend components on every page (the pages work without it).
import { initAll } from './govuk-frontend.min.js';

initAll();
