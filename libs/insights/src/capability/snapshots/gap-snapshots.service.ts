import { Transactional } from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { GapSnapshotsRepository } from './gap-snapshots.repository.js';

/** Writing closed cycles' gap cells: each in its own transaction, so one cycle's failure leaves the others written. */
@Injectable()
export class GapSnapshotsService {
  constructor(private readonly snapshots: GapSnapshotsRepository) {}

  /** Every closed cycle not yet snapshotted. */
  async takePending(): Promise<{ cycles: number; cells: number }> {
    let cycles = 0;
    let cells = 0;
    for (const id of await this.snapshots.pending()) {
      const written = await this.take(id);
      if (written !== null) {
        cycles += 1;
        cells += written;
      }
    }
    return { cycles, cells };
  }

  /** One cycle (null: not closed, or already taken). */
  @Transactional()
  async take(cycleId: string): Promise<number | null> {
    return this.snapshots.take(cycleId);
  }
}
