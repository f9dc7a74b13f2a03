import { loadAppConfig, projectRoot } from '@capability/platform';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import 'reflect-metadata';
import { ApiModule } from '../apps/api/src/api.module.js';
import { API_PREFIX, UNPREFIXED_ROUTES } from '../apps/api/src/create-app.js';
import { buildOpenApiDocument } from '../apps/api/src/openapi.js';
import { CLIENT_TYPES_FILE, generateClientTypes } from './openapi-client.js';

/**
 * Writes openapi.json from the controllers and DTOs, with no database: Nest's preview mode builds
 * the module graph without instantiating providers, and the typed client's types generated from it
 * (test/client/openapi.d.ts). `--check` fails when either committed file differs.
 */
export async function generateOpenApi(): Promise<string> {
  const config = loadAppConfig({ DATABASE_URL: 'postgres://openapi@127.0.0.1:1/none', NODE_ENV: 'test' });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot({ config, databaseUrl: 'postgres://openapi@127.0.0.1:1/none' }),
    new FastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_ROUTES });
  const document = buildOpenApiDocument(app);
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function main(): Promise<number> {
  const document = await generateOpenApi();
  const outputs = [
    { name: 'openapi.json', content: document },
    { name: CLIENT_TYPES_FILE, content: await generateClientTypes(document) },
  ];
  if (process.argv.includes('--check')) {
    let stale = 0;
    for (const { name, content } of outputs) {
      const committed = await readFile(join(projectRoot(), name), 'utf8').catch(() => '');
      if (committed === content) continue;
      process.stderr.write(`${name} is out of date: run \`npm run openapi\` and commit the result.\n`);
      stale += 1;
    }
    if (stale > 0) return 1;
    process.stdout.write(`${outputs.map((o) => o.name).join(' and ')} are up to date\n`);
    return 0;
  }
  for (const { name, content } of outputs) {
    const file = join(projectRoot(), name);
    await writeFile(file, content);
    process.stdout.write(`Wrote ${file}\n`);
  }
  return 0;
}

if (process.argv[1]?.endsWith('openapi.js')) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
