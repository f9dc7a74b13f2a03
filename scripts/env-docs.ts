import { projectRoot, VARIABLES } from '@capability/platform';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * `.env.example` and the README's configuration table, both generated from the one environment
 * schema (libs/platform/src/config/environment.ts). `--check` fails when either is out of date.
 */
const BEGIN = '<!-- configuration:begin -->';
const END = '<!-- configuration:end -->';

export function envExample(): string {
  const lines = ['# Every variable the service reads. All are optional on the embedded default.', ''];
  for (const [name, info] of Object.entries(VARIABLES)) {
    lines.push(`# ${info.description}${info.sensitive ? ' [secret]' : ''}`);
    lines.push(`# ${name}=${info.example ?? ''}`, '');
  }
  return lines.join('\n');
}

export function configurationTable(): string {
  const rows = Object.entries(VARIABLES).map(
    ([name, info]) =>
      `| \`${name}\` | ${info.description.replace(/\|/g, '\\|')}${info.sensitive ? ' **Secret.**' : ''} |`,
  );
  return [BEGIN, '| Variable | Meaning |', '| --- | --- |', ...rows, END].join('\n');
}

export function withTable(readme: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`README.md needs the ${BEGIN} … ${END} markers`);
  return readme.slice(0, start) + configurationTable() + readme.slice(end + END.length);
}

async function main(): Promise<number> {
  const root = projectRoot();
  const readmePath = join(root, 'README.md');
  const envPath = join(root, '.env.example');
  const readme = await readFile(readmePath, 'utf8');
  const env = await readFile(envPath, 'utf8').catch(() => '');
  if (process.argv.includes('--check')) {
    const stale = [withTable(readme) !== readme ? 'README.md' : '', env !== envExample() ? '.env.example' : ''].filter(
      Boolean,
    );
    if (stale.length) {
      process.stderr.write(`${stale.join(' and ')} out of date: run npm run env:docs\n`);
      return 1;
    }
    return 0;
  }
  await writeFile(readmePath, withTable(readme));
  await writeFile(envPath, envExample());
  process.stdout.write('Wrote .env.example and the README configuration table\n');
  return 0;
}

if (process.argv[1]?.endsWith('env-docs.js')) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    },
  );
}
