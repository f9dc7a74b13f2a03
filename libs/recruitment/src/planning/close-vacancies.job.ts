import { Job, type JobHandler } from '@capability/platform';
import { today } from '@capability/workforce';
import { Injectable, Logger } from '@nestjs/common';
import { VacanciesService } from './vacancies.service.js';

/**
 * Daily, just after midnight UTC: closes every open vacancy whose closing day has passed, as of the end of that day
 * (so the service levels measured from a vacancy's close start then, however late the job runs). A vacancy closed
 * once stays closed, so running it again, or in several workers, changes nothing. Logs the count only.
 */
@Injectable()
@Job({ name: 'close-vacancies', cron: '5 0 * * *' })
export class CloseVacanciesJob implements JobHandler {
  private readonly logger = new Logger(CloseVacanciesJob.name);

  constructor(private readonly vacancies: VacanciesService) {}

  async run(): Promise<void> {
    const closed = await this.vacancies.closeOverdue(today());
    this.logger.log({ closed }, 'Vacancies past their closing day closed');
  }
}
