import { Job, type JobHandler } from '@capability/platform';
import { Injectable, Logger } from '@nestjs/common';
import { GapSnapshotsService } from './gap-snapshots.service.js';

/**
 * Every minute: writes the gap cells of each review cycle closed since (insights reads a closed cycle from them; until
 * then, live). Each cycle once, under a lock, so running it again or in several workers at once writes nothing twice.
 * Logs counts only.
 */
@Injectable()
@Job({ name: 'insights-snapshot-cycles', cron: '* * * * *' })
export class SnapshotCyclesJob implements JobHandler {
  private readonly logger = new Logger(SnapshotCyclesJob.name);

  constructor(private readonly snapshots: GapSnapshotsService) {}

  async run(): Promise<void> {
    const taken = await this.snapshots.takePending();
    if (taken.cycles > 0) this.logger.log(taken, 'Closed review cycles snapshotted');
  }
}
