import { Job, type JobHandler } from '@capability/platform';
import { Injectable, Logger } from '@nestjs/common';
import { LoginFailuresRepository } from './login-failures.repository.js';

/** Failed sign-ins are counted per email tried, known or not: rows whose window has ended are deleted. */
@Injectable()
@Job({ name: 'purge-login-failures', cron: '27 * * * *' })
export class PurgeLoginFailuresJob implements JobHandler {
  private readonly logger = new Logger(PurgeLoginFailuresJob.name);

  constructor(private readonly failures: LoginFailuresRepository) {}

  async run(): Promise<void> {
    const purged = await this.failures.purgeEnded();
    this.logger.log({ purged }, 'Purged ended login-failure windows');
  }
}
