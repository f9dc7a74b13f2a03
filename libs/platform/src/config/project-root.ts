import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The folder holding this project's package.json, whether running from source or from dist/. */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'ddat-capability-manager') return (cached = dir);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the project root (package.json of ddat-capability-manager)');
    dir = parent;
  }
}
