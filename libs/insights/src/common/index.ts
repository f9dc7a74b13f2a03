export { MIN_K, siblingsToSuppress } from './suppression.js';
