import {
  Seeder,
  TransactionHost,
  Transactional,
  type SeederHandler,
  type TransactionalAdapterTypeOrm,
} from '@capability/platform';
import { today } from '@capability/workforce';
import { Injectable, Logger } from '@nestjs/common';
import {
  DEMO_INCLUSION_ASSESSMENTS,
  DEMO_PULSE,
  DEMO_PULSE_ANSWERS,
  DEMO_PULSE_RESPONDENTS,
  DEMO_PULSE_STATEMENTS,
} from './inclusion-demo.sql.js';

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/**
 * After the demo department: digital inclusion levels for all staff (two assessments about a year apart,
 * most at 7 or above and more than a year ago) and two closed awareness pulses, spring and autumn, with
 * agreement grown between them. Skipped when any assessment or pulse exists.
 */
@Injectable()
@Seeder({ name: 'demo-inclusion', order: 130, demo: true })
export class InclusionDemoSeeder implements SeederHandler {
  private readonly logger = new Logger(InclusionDemoSeeder.name);

  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  @Transactional()
  async seed(): Promise<void> {
    const sql = this.txHost.tx;
    const existing = await sql.query<unknown[]>(
      'SELECT 1 FROM inclusion_assessments UNION ALL SELECT 1 FROM pulses LIMIT 1',
    );
    if (existing.length > 0) return;
    const [root] = await sql.query<{ id: string }[]>(
      'SELECT id FROM organisation_units WHERE parent_id IS NULL ORDER BY code LIMIT 1',
    );
    if (!root) return;
    const day = today();
    const assessments = await sql.query<unknown[]>(`${DEMO_INCLUSION_ASSESSMENTS} RETURNING 1`, [day]);
    let answered = 0;
    for (const [title, opensOn, salt, grown] of [
      ['Digital awareness pulse: spring', addDays(day, -250), 'spring', 0],
      ['Digital awareness pulse: autumn', addDays(day, -70), 'autumn', 20],
    ] as const) {
      const closesOn = addDays(opensOn, 14);
      const [pulse] = await sql.query<{ id: string }[]>(DEMO_PULSE, [
        root.id,
        title,
        JSON.stringify(DEMO_PULSE_STATEMENTS),
        opensOn,
        closesOn,
      ]);
      await sql.query(DEMO_PULSE_RESPONDENTS, [pulse!.id, opensOn, closesOn, salt]);
      const answers = await sql.query<unknown[]>(`${DEMO_PULSE_ANSWERS} RETURNING 1`, [
        pulse!.id,
        opensOn,
        closesOn,
        salt,
        grown,
        DEMO_PULSE_STATEMENTS.length,
      ]);
      answered += answers.length;
    }
    this.logger.log(
      `Loaded demo digital inclusion: ${assessments.length} assessments, 2 closed pulses (${answered} answers)`,
    );
  }
}
