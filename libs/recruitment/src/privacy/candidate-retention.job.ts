import { Job, type JobHandler } from '@capability/platform';
import { Injectable, Logger } from '@nestjs/common';
import { RetentionService } from './retention.service.js';

/**
 * Daily: anonymises the candidates whose retention has run out (RetentionService), and forgets ended counts of
 * refused candidate links. Running it again, or in several workers, finds nobody left to do. Logs the count only.
 */
@Injectable()
@Job({ name: 'candidate-retention', cron: '30 1 * * *' })
export class CandidateRetentionJob implements JobHandler {
  private readonly logger = new Logger(CandidateRetentionJob.name);

  constructor(private readonly retention: RetentionService) {}

  async run(): Promise<void> {
    const anonymised = await this.retention.anonymiseDue();
    this.logger.log({ anonymised }, 'Candidates past their retention anonymised');
  }
}
