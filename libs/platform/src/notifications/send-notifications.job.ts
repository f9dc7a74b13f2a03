import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { Job, type JobHandler } from '../jobs/job.decorator.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { NotifyGateway, type SendOutcome } from './notify-gateway.js';
import { OutboxDeliveriesRepository, type ClaimedMessage } from './outbox-deliveries.repository.js';

/** The first retry waits a minute, each next one twice as long, never more than an hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000 * 2 ** Math.max(attempt - 1, 0), 3_600_000);
}

/**
 * Sends the queued emails that are due, every minute, until none is left. Each batch is claimed in one
 * statement (FOR UPDATE SKIP LOCKED) and committed before Notify is called, so any number of workers can
 * run this at once and never send the same message twice. With NOTIFY_API_KEY and the template's id
 * configured a message goes through GOV.UK Notify; otherwise it is logged as due (template key and
 * message id only) and marked sent, so a development or test environment never emails anyone.
 */
@Injectable()
@Job({ name: 'send-notifications', cron: '* * * * *' })
export class SendNotificationsJob implements JobHandler {
  private readonly logger = new Logger(SendNotificationsJob.name);

  constructor(
    private readonly config: AppConfig,
    private readonly deliveries: OutboxDeliveriesRepository,
    private readonly notify: NotifyGateway,
    private readonly metrics: MetricsService,
  ) {}

  /** How long a claim keeps a message from other senders: enough to send a whole batch one by one, timing out each time. */
  private get leaseMs(): number {
    return this.config.notify.batchSize * (this.config.notify.timeoutMs + 1_000) + 60_000;
  }

  async run(): Promise<void> {
    const totals = { sent: 0, logged: 0, retried: 0, failed: 0 };
    for (;;) {
      const batch = await this.deliveries.claimDue(this.config.notify.batchSize, this.leaseMs);
      if (batch.length === 0) break;
      for (const message of batch) totals[await this.deliver(message)] += 1;
    }
    this.logger.log(totals, 'Sent due notifications');
  }

  private async deliver(message: ClaimedMessage): Promise<'sent' | 'logged' | 'retried' | 'failed'> {
    const { id: messageId, template } = message;
    const templateId = this.notify.templateIdFor(template);
    if (!templateId) {
      // A warning: whoever it was for will not get it (right in development, a gap anywhere else).
      this.logger.warn({ template, messageId }, 'Notification due (not sent: no GOV.UK Notify key or template id)');
      await this.deliveries.markSent(messageId, null);
      this.metrics.countNotification(template, 'logged');
      return 'logged';
    }
    const outcome: SendOutcome = await this.notify.sendEmail(
      templateId,
      message.emailAddress,
      message.personalisation,
      messageId,
    );
    switch (outcome.kind) {
      case 'sent':
        await this.deliveries.markSent(messageId, outcome.notifyId);
        this.metrics.countNotification(template, 'sent');
        return 'sent';
      case 'retry':
        if (message.attempts < this.config.notify.maxAttempts) {
          const delayMs = retryDelayMs(message.attempts);
          await this.deliveries.markRetry(messageId, outcome.error, delayMs);
          this.logger.warn(
            { template, messageId, attempt: message.attempts, retryInMs: delayMs, error: outcome.error },
            'Notification not sent; retrying later',
          );
          this.metrics.countNotification(template, 'retried');
          return 'retried';
        }
        return this.fail(message, `${outcome.error} (gave up after ${message.attempts} attempts)`);
      case 'failed':
        return this.fail(message, outcome.error);
    }
  }

  private async fail(message: ClaimedMessage, error: string): Promise<'failed'> {
    await this.deliveries.markFailed(message.id, error);
    this.logger.error(
      { template: message.template, messageId: message.id, attempt: message.attempts, error },
      'Notification failed',
    );
    this.metrics.countNotification(message.template, 'failed');
    return 'failed';
  }
}
