import { loadAppConfig, openDatabase, projectRoot } from '@capability/platform';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import 'reflect-metadata';
import { createDataSource } from './data-source.js';

/**
 * npm run migration:run | migration:revert | migration:generate -- <Intent> | migration:check
 *
 * On DATABASE_URL, or the embedded PostgreSQL under DATA_DIR. `check` exits 1 when the entities and
 * the migrated schema differ (the drift check CI runs on a fresh database).
 */
const { positionals } = parseArgs({ allowPositionals: true, strict: true });
const [command, name] = positionals;

function escape(sql: string): string {
  return sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

async function main(): Promise<number> {
  const config = loadAppConfig();
  const database = await openDatabase(config);
  const dataSource = createDataSource(config, database.url);
  try {
    await dataSource.initialize();
    switch (command) {
      case 'run': {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        process.stdout.write(
          applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}\n` : 'No pending migrations\n',
        );
        return 0;
      }
      case 'revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        process.stdout.write('Reverted the last migration\n');
        return 0;
      case 'check':
      case 'generate': {
        await dataSource.runMigrations({ transaction: 'each' });
        const sql = await dataSource.driver.createSchemaBuilder().log();
        if (command === 'check') {
          if (sql.upQueries.length === 0) {
            process.stdout.write('Migrations are up to date with the entities\n');
            return 0;
          }
          process.stderr.write(
            `Entities and migrations differ; run npm run migration:generate -- <Intent>:\n${sql.upQueries.map((q) => `  ${q.query};`).join('\n')}\n`,
          );
          return 1;
        }
        if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
          process.stderr.write('Usage: npm run migration:generate -- <PascalCaseIntent>\n');
          return 2;
        }
        if (sql.upQueries.length === 0) {
          process.stdout.write('No changes: the entities match the migrations\n');
          return 0;
        }
        const timestamp = Date.now();
        const up = sql.upQueries.map((q) => `    await queryRunner.query(\`${escape(q.query)}\`);`).join('\n');
        const down = sql.downQueries
          .reverse()
          .map((q) => `    await queryRunner.query(\`${escape(q.query)}\`);`)
          .join('\n');
        const file = join(projectRoot(), 'migrations', `${timestamp}-${name}.ts`);
        await writeFile(
          file,
          `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\n` +
            `export class ${name}${timestamp} implements MigrationInterface {\n` +
            `  name = '${name}${timestamp}';\n\n` +
            `  async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n` +
            `  async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
        );
        process.stdout.write(`Wrote ${file}; read it, add what generation cannot (triggers, backfills), then build.\n`);
        return 0;
      }
      default:
        process.stderr.write('Usage: migrations.js run | revert | generate <Intent> | check\n');
        return 2;
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
