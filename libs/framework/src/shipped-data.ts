import { projectRoot } from '@capability/platform';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the reference data ships inside the project (never read from ../shared at run time). */
export const SHIPPED_FRAMEWORK_PATH = 'libs/framework/data/ddat-framework.json';
export const SHIPPED_INCLUSION_SCALE_PATH = 'libs/framework/data/digital-inclusion-scale.json';

/** Reads and parses a shipped JSON file. */
export function readShippedJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(join(projectRoot(), relativePath), 'utf8')) as unknown;
}
