import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { Job, type JobHandler } from '../jobs/job.decorator.js';
import { OutboxDeliveriesRepository } from './outbox-deliveries.repository.js';

/**
 * UK GDPR storage limitation: an email's address and personalisation are kept while it may still be sent
 * and for NOTIFICATION_RETENTION_DAYS after (to answer "did I get it?"), then blanked. The row, its
 * template, staff id, dedupe key and outcome stay.
 */
@Injectable()
@Job({ name: 'purge-notification-outbox', cron: '47 2 * * *' })
export class PurgeNotificationOutboxJob implements JobHandler {
  private readonly logger = new Logger(PurgeNotificationOutboxJob.name);

  constructor(
    private readonly config: AppConfig,
    private readonly deliveries: OutboxDeliveriesRepository,
  ) {}

  async run(): Promise<void> {
    const purged = await this.deliveries.purgePersonalData(this.config.notify.retentionDays);
    this.logger.log(
      { purged, retentionDays: this.config.notify.retentionDays },
      'Blanked the addresses of old notifications',
    );
  }
}
