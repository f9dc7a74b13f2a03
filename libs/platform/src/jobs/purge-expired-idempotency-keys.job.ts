import { Injectable, Logger } from '@nestjs/common';
import { IdempotencyKeysRepository } from '../idempotency/idempotency-keys.repository.js';
import { Job, type JobHandler } from './job.decorator.js';

@Injectable()
@Job({ name: 'purge-expired-idempotency-keys', cron: '17 * * * *' })
export class PurgeExpiredIdempotencyKeysJob implements JobHandler {
  private readonly logger = new Logger(PurgeExpiredIdempotencyKeysJob.name);

  constructor(private readonly keys: IdempotencyKeysRepository) {}

  async run(): Promise<void> {
    const purged = await this.keys.purgeExpired();
    this.logger.log({ purged }, 'Purged expired idempotency keys');
  }
}
