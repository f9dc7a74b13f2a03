import { InvalidEnvironmentError, JobsService, loadAppConfig, openDatabase } from '@capability/platform';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import 'reflect-metadata';
import { WorkerModule } from './worker.module.js';

async function bootstrap(): Promise<void> {
  const config = loadAppConfig({ RUN_WORKER: 'true' });
  const database = await openDatabase(config);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot({ config, databaseUrl: database.url }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoLogger));
  app.flushLogs();
  const logger = new Logger('Worker');
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    // A terminal's Ctrl-C reaches `npm run start:worker` too, which passes it on: the second SIGINT is the same request.
    if (stopping) return;
    stopping = true;
    const timeoutMs = config.http.shutdownTimeoutMs;
    logger.log(`${signal} received: letting running jobs finish (at most ${timeoutMs} ms), then stopping`);
    // Jobs still running then are left to their transactions' rollback; an embedded server's watchdog stops it.
    setTimeout(() => {
      logger.error(`Shutdown took longer than ${timeoutMs} ms (SHUTDOWN_TIMEOUT_MS); exiting`);
      process.exit(1);
    }, timeoutMs).unref();
    await app.close();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await app.init();
  logger.log(
    `Worker started with jobs: ${app
      .get(JobsService)
      .registered()
      .map((j) => j.name)
      .join(', ')}`,
  );
}

bootstrap().catch((err: unknown) => {
  process.stderr.write(
    err instanceof InvalidEnvironmentError
      ? `${err.message}\n`
      : `Worker failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
