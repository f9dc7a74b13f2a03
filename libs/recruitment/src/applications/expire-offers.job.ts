import { Job, type JobHandler } from '@capability/platform';
import { today } from '@capability/workforce';
import { Injectable, Logger } from '@nestjs/common';
import { OffersService } from './offers.service.js';

/**
 * Daily, just after midnight UTC: expires every made offer whose last day to accept has passed. An expired offer stays
 * expired, so running it again, or in several workers, changes nothing. Logs the count only.
 */
@Injectable()
@Job({ name: 'expire-offers', cron: '10 0 * * *' })
export class ExpireOffersJob implements JobHandler {
  private readonly logger = new Logger(ExpireOffersJob.name);

  constructor(private readonly offers: OffersService) {}

  async run(): Promise<void> {
    const expired = await this.offers.expireOverdue(today());
    this.logger.log({ expired }, 'Offers past their last day to accept expired');
  }
}
