import { projectRoot } from '@capability/platform';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_NODE_FLAGS } from '../support/api-process.js';

/**
 * The API's Node flags are given in three places: `npm start`, the README's deployment steps, and
 * `ApiProcess` (which the benchmarks and the process-level tests start). They must agree, or the
 * benchmark would measure a process that production does not run.
 */
describe('the API runtime flags', () => {
  const read = (file: string): string => readFileSync(join(projectRoot(), file), 'utf8');

  it('has at least the young-generation size', () => {
    expect(API_NODE_FLAGS).toContain('--max-semi-space-size=64');
  });

  it('npm start runs the API with them', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(scripts.start).toContain(`node ${API_NODE_FLAGS.join(' ')} dist/apps/api/src/main.js`);
  });

  it('the README deploys the API with them', () => {
    expect(read('README.md')).toContain(`node ${API_NODE_FLAGS.join(' ')} dist/apps/api/src/main.js`);
  });
});
