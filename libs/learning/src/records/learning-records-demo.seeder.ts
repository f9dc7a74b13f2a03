import {
  Seeder,
  TransactionHost,
  Transactional,
  type SeederHandler,
  type TransactionalAdapterTypeOrm,
} from '@capability/platform';
import { DemoDepartmentService, today } from '@capability/workforce';
import { Injectable, Logger } from '@nestjs/common';
import { DEMO_EVENTS } from '../catalogue/demo/learning-map-demo.data.js';
import {
  DEMO_EVENT_ATTENDANCE,
  DEMO_EXTERNAL_LEARNING,
  DEMO_GAP_LEARNING,
  DEMO_GAP_LEARNING_NOTE,
  DEMO_ITEM_COMPLETIONS,
  DEMO_WAITING_FOR_LINE_MANAGER,
} from './learning-records-demo.sql.js';

/**
 * After the demo department, its personas, its skills reviews and the demo learning map: records of learning, mostly
 * verified, some waiting for the line manager, a few rejected, a few of external learning; attendance of the demo
 * events that have happened, by a share of the people in the units (or at the locations) where they ran; for about
 * half of those with a validated gap in a skill in last year's review, verified learning mapped to that skill since
 * (read from the reviews' tables by SQL, so the learning insights' gap closure has people who learned and people who
 * did not); the Staff persona and the Line manager persona's team have recent completions waiting for verification.
 * Skipped when any record exists, and quietly when the catalogue is empty.
 */
@Injectable()
@Seeder({ name: 'demo-learning-records', order: 150, demo: true })
export class LearningRecordsDemoSeeder implements SeederHandler {
  private readonly logger = new Logger(LearningRecordsDemoSeeder.name);

  constructor(
    private readonly demo: DemoDepartmentService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  @Transactional()
  async seed(): Promise<void> {
    const sql = this.txHost.tx;
    if ((await sql.query<unknown[]>('SELECT 1 FROM learning_records LIMIT 1')).length > 0) return;
    if ((await sql.query<unknown[]>('SELECT 1 FROM learning_items WHERE active LIMIT 1')).length === 0) return;
    const day = today();
    const { member, lineManager } = await this.demo.personaStaff();
    const items = await sql.query<unknown[]>(`${DEMO_ITEM_COMPLETIONS} RETURNING 1`, [day]);
    const attendance = await sql.query<unknown[]>(`${DEMO_EVENT_ATTENDANCE} RETURNING 1`, [
      day,
      JSON.stringify(
        DEMO_EVENTS.map((e) => ({
          item: e.code,
          kind: e.audience.kind,
          code: e.audience.code,
          percent: e.attendancePercent,
        })),
      ),
    ]);
    const external = await sql.query<unknown[]>(`${DEMO_EXTERNAL_LEARNING} RETURNING 1`, [day]);
    const gapLearning = await sql.query<unknown[]>(`${DEMO_GAP_LEARNING} RETURNING 1`, [day, DEMO_GAP_LEARNING_NOTE]);
    const waiting = await sql.query<unknown[]>(`${DEMO_WAITING_FOR_LINE_MANAGER} RETURNING 1`, [
      day,
      member,
      lineManager,
    ]);
    this.logger.log(
      `Loaded demo records of learning: ${items.length} catalogue completions, ${attendance.length} attendances ` +
        `of past events, ${external.length} external, ${gapLearning.length} after last year's review in a skill ` +
        `with a gap, ` +
        `${waiting.length} waiting for the line manager persona`,
    );
  }
}
