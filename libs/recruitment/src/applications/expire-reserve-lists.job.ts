import { Job, type JobHandler } from '@capability/platform';
import { Injectable, Logger } from '@nestjs/common';
import { ReserveListService } from './reserve-list.service.js';

/**
 * Daily, just after midnight UTC: withdraws the reserve-list entries whose vacancy's reserve months have run out
 * since they joined the list, with the reason "reserve list expired". A withdrawn entry is final, so running it again,
 * or in several workers, changes nothing. Logs the count only.
 */
@Injectable()
@Job({ name: 'expire-reserve-lists', cron: '15 0 * * *' })
export class ExpireReserveListsJob implements JobHandler {
  private readonly logger = new Logger(ExpireReserveListsJob.name);

  constructor(private readonly reserve: ReserveListService) {}

  async run(): Promise<void> {
    const expired = await this.reserve.expire(new Date());
    this.logger.log({ expired }, 'Reserve-list entries past their reserve months withdrawn');
  }
}
