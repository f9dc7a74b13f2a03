import { FirstAdmin } from '@capability/auth';
import { InvalidEnvironmentError, loadAppConfig, openDatabase, SeedersService } from '@capability/platform';
import { Logger } from '@nestjs/common';
import 'reflect-metadata';
import { printBanner } from './banner.js';
import { createApp } from './create-app.js';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Main');
  const config = loadAppConfig();
  const database = await openDatabase(config);
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: finishing in-flight requests, then stopping`);
    const force = setTimeout(() => {
      logger.error('Shutdown took too long; exiting');
      process.exit(1);
    }, config.http.shutdownTimeoutMs + 15_000);
    force.unref();
    try {
      await app?.close();
      await database.stop();
      process.exit(0);
    } catch (err) {
      logger.error(`Shutdown failed: ${(err as Error).message}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  try {
    app = await createApp({ config, databaseUrl: database.url });
    await app.get(SeedersService).run({ demo: config.seed.demo && config.db.embedded });
    const admin = await app.get(FirstAdmin).ensure();
    await app.listen({ port: config.http.port, host: config.http.host });
    printBanner(config, admin, database.location);
  } catch (err) {
    await app?.close().catch(() => undefined);
    await database.stop();
    throw err;
  }
}

bootstrap().catch((err: unknown) => {
  if (err instanceof InvalidEnvironmentError) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
