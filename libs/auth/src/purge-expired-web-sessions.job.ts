import { Job, type JobHandler } from '@capability/platform';
import { Injectable, Logger } from '@nestjs/common';
import { WebSessionsRepository } from './web-sessions.repository.js';

@Injectable()
@Job({ name: 'purge-expired-web-sessions', cron: '17 * * * *' })
export class PurgeExpiredWebSessionsJob implements JobHandler {
  private readonly logger = new Logger(PurgeExpiredWebSessionsJob.name);

  constructor(private readonly sessions: WebSessionsRepository) {}

  async run(): Promise<void> {
    const purged = await this.sessions.purgeExpired();
    this.logger.log({ purged }, 'Purged expired web sessions');
  }
}
