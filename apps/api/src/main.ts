import { FirstAdmin } from '@capability/auth';
import {
  InvalidEnvironmentError,
  loadAppConfig,
  openDatabase,
  SeedersService,
  type RunningDatabase,
} from '@capability/platform';
import { Logger } from '@nestjs/common';
import 'reflect-metadata';
import { printBanner } from './banner.js';
import { closeApp, createApp } from './create-app.js';

/** How long after SHUTDOWN_TIMEOUT_MS the process may take to close the pool and stop the database before it exits anyway. */
const EXIT_GRACE_MS = 1500;
/** How long after the requests are cut the pool may take to close before the embedded database is told to stop regardless. */
const POOL_GRACE_MS = 250;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function bootstrap(): Promise<void> {
  const logger = new Logger('Main');
  const config = loadAppConfig();
  let database: RunningDatabase | undefined;
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let stopping = false;

  const start = async (): Promise<void> => {
    database = await openDatabase(config);
    app = await createApp({ config, databaseUrl: database.url });
    await app.get(SeedersService).run({ demo: config.seed.demo && config.db.embedded });
    const admin = await app.get(FirstAdmin).ensure();
    await app.listen({ port: config.http.port, host: config.http.host });
    if (!stopping) printBanner(config, admin, database.location);
  };
  const started = start();

  /**
   * SHUTDOWN_TIMEOUT_MS after the signal, requests still running are cut; the database is then
   * stopped, and EXIT_GRACE_MS later the process exits whatever is left (an embedded server already
   * told to stop finishes its fast shutdown on its own; its watchdog sees to it).
   */
  const stop = async (signal: string): Promise<void> => {
    // A terminal's Ctrl-C reaches `npm start` too, which passes it on: the second SIGINT is the same request.
    if (stopping) return;
    stopping = true;
    const timeoutMs = config.http.shutdownTimeoutMs;
    const deadline = performance.now() + timeoutMs;
    logger.log(`${signal} received: finishing in-flight requests (at most ${timeoutMs} ms), then stopping`);
    const force = setTimeout(() => {
      logger.error(`Shutdown took longer than ${timeoutMs + EXIT_GRACE_MS} ms; exiting`);
      process.exit(1);
    }, timeoutMs + EXIT_GRACE_MS);
    force.unref();
    try {
      await started.catch(() => undefined); // a signal during start-up: stop once it has got as far as it gets
      if (app) {
        const closed = closeApp(app, { timeoutMs: deadline - performance.now(), logger });
        // A request cut while it waits on the database (a lock) keeps its connection out of the pool, and
        // the pool from closing: the database's fast shutdown ends that session.
        await Promise.race([closed, sleep(deadline - performance.now() + POOL_GRACE_MS)]);
        await Promise.all([closed, database?.stop()]);
      } else {
        await database?.stop();
      }
      process.exit(0);
    } catch (err) {
      logger.error(`Shutdown failed: ${(err as Error).message}`);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  try {
    await started;
  } catch (err) {
    if (stopping) {
      // stop() is closing what was started.
      logger.warn(`Start-up cut short by the signal: ${(err as Error).message}`);
      return;
    }
    await app?.close().catch(() => undefined);
    await database?.stop();
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
