export { withDatabase } from '../../test/support/db-url.js';
export { freePort } from '../../test/support/net.js';

/** A numeric `--name=value` command-line option. */
export function numericArg(name: string, fallback: number): number {
  const given = process.argv.find((a) => a.startsWith(`--${name}=`));
  return given ? Number(given.split('=')[1]) : fallback;
}
