import {
  Seeder,
  TransactionHost,
  Transactional,
  type SeederHandler,
  type TransactionalAdapterTypeOrm,
} from '@capability/platform';
import { DemoDepartmentService, today } from '@capability/workforce';
import { Injectable, Logger } from '@nestjs/common';
import { ReviewCyclesRepository } from '../skills/review-cycles.repository.js';
import { DEMO_RATINGS, DEMO_REVIEW_STATES } from './skills-review-demo.sql.js';

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/**
 * After the demo department and its personas: last year's annual skills review (closed) and this year's
 * (open three weeks, a month to go), both for the whole department, opened the way the service opens a
 * cycle (the same set-based snapshot of role levels and required skills), then given realistic results.
 * The Staff persona's review in the open cycle is left not started. Skipped when any cycle exists.
 */
@Injectable()
@Seeder({ name: 'demo-skills-review', order: 120, demo: true })
export class SkillsReviewDemoSeeder implements SeederHandler {
  private readonly logger = new Logger(SkillsReviewDemoSeeder.name);

  constructor(
    private readonly cycles: ReviewCyclesRepository,
    private readonly demo: DemoDepartmentService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  @Transactional()
  async seed(): Promise<void> {
    const sql = this.txHost.tx;
    if ((await sql.query<unknown[]>('SELECT 1 FROM review_cycles LIMIT 1')).length > 0) return;
    const [root] = await sql.query<{ id: string }[]>(
      'SELECT id FROM organisation_units WHERE parent_id IS NULL ORDER BY code LIMIT 1',
    );
    const versionId = await this.cycles.currentFrameworkVersionId();
    if (!root || !versionId) return;
    const { member } = await this.demo.personaStaff();
    const day = today();
    const year = Number(day.slice(0, 4));
    const lastYear = await this.cycle(
      `Annual skills review ${year - 1}`,
      root.id,
      versionId,
      addDays(day, -386),
      'closed',
      member,
    );
    const thisYear = await this.cycle(
      `Annual skills review ${year}`,
      root.id,
      versionId,
      addDays(day, -21),
      'open',
      member,
    );
    this.logger.log(
      `Loaded the demo skills reviews: ${lastYear} reviews last year (closed), ${thisYear} this year (open)`,
    );
  }

  private async cycle(
    name: string,
    unitId: string,
    versionId: string,
    opensOn: string,
    state: 'open' | 'closed',
    member: string | null,
  ): Promise<number> {
    const closesOn = addDays(opensOn, 51);
    const cycle = await this.cycles.insert({ name, unitId, opensOn, closesOn, createdByUserId: null });
    const { reviews } = await this.cycles.createReviews(cycle, versionId);
    await this.cycles.setState(cycle.id, {
      state: 'open',
      frameworkVersionId: versionId,
      openedAt: new Date(`${opensOn}T09:00:00Z`),
    });
    await this.txHost.tx.query(DEMO_REVIEW_STATES, [cycle.id, state, member]);
    await this.txHost.tx.query(DEMO_RATINGS, [cycle.id, state]);
    if (state === 'closed') {
      await this.cycles.setState(cycle.id, { state: 'closed', closedAt: new Date(`${closesOn}T17:00:00Z`) });
    }
    return reviews;
  }
}
