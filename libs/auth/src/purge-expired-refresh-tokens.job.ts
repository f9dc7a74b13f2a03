import { Job, type JobHandler } from '@capability/platform';
import { Injectable, Logger } from '@nestjs/common';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';

@Injectable()
@Job({ name: 'purge-expired-refresh-tokens', cron: '7 * * * *' })
export class PurgeExpiredRefreshTokensJob implements JobHandler {
  private readonly logger = new Logger(PurgeExpiredRefreshTokensJob.name);

  constructor(private readonly tokens: RefreshTokensRepository) {}

  async run(): Promise<void> {
    const purged = await this.tokens.purgeExpired();
    this.logger.log({ purged }, 'Purged expired refresh tokens');
  }
}
