import {
  Seeder,
  TransactionHost,
  Transactional,
  type SeederHandler,
  type TransactionalAdapterTypeOrm,
} from '@capability/platform';
import { today } from '@capability/workforce';
import { Injectable, Logger } from '@nestjs/common';
import { ActionPlansRepository } from './action-plans.repository.js';
import { share } from './plan-progress.js';

const DAY = 86_400_000;
const shift = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * After the demo department, its skills review and inclusion assessments: two active plans that started 90 days
 * ago, owned by the Data head of profession persona. The Data family's plan (the Data skill with the most people
 * measured) has a baseline 10 points below today's figure, so it is on track; the department's inclusion plan has
 * today's figure as its baseline and 100 % as its target, so it is behind. Skipped when any plan exists, and
 * quietly when there is nobody to own them or too few people to measure.
 */
@Injectable()
@Seeder({ name: 'demo-action-plans', order: 160, demo: true })
export class ActionPlansDemoSeeder implements SeederHandler {
  private readonly logger = new Logger(ActionPlansDemoSeeder.name);

  constructor(
    private readonly plans: ActionPlansRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  @Transactional()
  async seed(): Promise<void> {
    const sql = this.txHost.tx;
    if ((await sql.query<unknown[]>('SELECT 1 FROM action_plans LIMIT 1')).length > 0) return;
    const [owner] = await sql.query<{ id: string }[]>(
      `SELECT id FROM users ORDER BY ('head_of_profession' = ANY(roles) AND 'data' = ANY(role_families)) DESC,
              created_at LIMIT 1`,
    );
    const [root] = await sql.query<{ id: string }[]>(
      'SELECT id FROM organisation_units WHERE parent_id IS NULL ORDER BY code LIMIT 1',
    );
    if (!owner || !root) return;
    const skills = await sql.query<{ slug: string }[]>(
      `SELECT DISTINCT sk.slug FROM skill_requirements sr JOIN role_levels rl ON rl.id = sr.role_level_id
         JOIN roles r ON r.id = rl.role_id JOIN role_families rf ON rf.id = r.role_family_id
         JOIN skills sk ON sk.id = sr.skill_id JOIN framework_versions v ON v.id = sr.version_id AND v.is_current
        WHERE rf.slug = 'data' ORDER BY sk.slug`,
    );
    let best: { slug: string; people: number; value: number } | null = null;
    for (const { slug } of skills) {
      const m = await this.plans.skillMet({ unitId: null, roleFamilySlug: 'data', roleLevelSlug: null }, slug);
      const value = share(m.people, m.meeting);
      if (value !== null && (!best || m.people > best.people)) best = { slug, people: m.people, value };
    }
    const inclusion = await this.plans.inclusion({ unitId: root.id, roleFamilySlug: null, roleLevelSlug: null });
    const inclusionNow = share(inclusion.people, inclusion.meeting);
    if (!best || inclusionNow === null) return;

    const day = today();
    const startsOn = shift(day, -90);
    const period = { startsOn, endsOn: shift(day, 275), createdByUserId: null, ownerUserId: owner.id };
    const activatedAt = new Date(Date.parse(`${startsOn}T09:00:00Z`));
    const family = await this.plans.insertPlan({
      ...period,
      title: `Data family: ${best.slug} to the required level`,
      unitId: null,
      roleFamilySlug: 'data',
    });
    await this.plans.insertPriority({
      planId: family,
      targetKind: 'skill-met-share',
      skillSlug: best.slug,
      roleLevelSlug: null,
      targetValue: String(Math.min(100, best.value + 5)),
      dueOn: shift(day, 270),
      baselineValue: String(Math.max(0, Math.round((best.value - 10) * 10) / 10)),
      baselineAt: activatedAt,
    });
    const unit = await this.plans.insertPlan({
      ...period,
      title: 'Everyone at inclusion level 7 or above',
      unitId: root.id,
      roleFamilySlug: null,
    });
    await this.plans.insertPriority({
      planId: unit,
      targetKind: 'inclusion-share',
      skillSlug: null,
      roleLevelSlug: null,
      targetValue: '100',
      dueOn: shift(day, 270),
      baselineValue: String(inclusionNow),
      baselineAt: activatedAt,
    });
    await sql.query(`UPDATE action_plans SET status = 'active', activated_at = $2 WHERE id = ANY($1::uuid[])`, [
      [family, unit],
      activatedAt,
    ]);
    this.logger.log(
      `Loaded two demo action plans: the Data family's (${best.slug}) and the department's inclusion plan`,
    );
  }
}
