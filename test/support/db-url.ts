export { withDatabase } from '../../bench/support/net.js';
