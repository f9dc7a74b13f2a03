import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { EmbeddedPostgres, type RunningDatabase } from './embedded-postgres.js';

/**
 * The database this process talks to: the configured server, or (DATABASE_URL unset) the embedded
 * PostgreSQL under DATA_DIR, started now and stopped by the returned `stop()`.
 */
export async function openDatabase(config: AppConfig): Promise<RunningDatabase> {
  if (config.db.url) return { url: config.db.url, stop: () => Promise.resolve() };
  const logger = new Logger('EmbeddedPostgres');
  const embedded = new EmbeddedPostgres({
    dataDir: config.data.dir,
    dataDirExplicit: config.data.explicit,
    port: config.db.embeddedPort,
    logger: {
      log: (m: string) => logger.log(m),
      warn: (m: string) => logger.warn(m),
      // The server's own log lines only when asked for.
      debug: (m: string) => (['debug', 'trace'].includes(config.logging.level) ? logger.debug(m) : undefined),
    },
  });
  // The cluster's default database holds the application's tables.
  return embedded.start();
}
