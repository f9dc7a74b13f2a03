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
  DEMO_EVENTS,
  DEMO_INCLUSION_ITEMS,
  DEMO_LADDER,
  DEMO_NOTE,
  DEMO_SKILLS_PER_FAMILY,
} from './learning-map-demo.data.js';

/**
 * Each role family's most required skills (current framework version; ties by slug), `$1` per family, with the
 * highest level the framework describes for each. Families are ranked by their own requirement counts.
 */
const TOP_SKILLS = `
  WITH counted AS (
    SELECT f.slug AS family, sk.id AS skill_id, sk.slug, sk.name, count(*) AS uses,
           CASE WHEN sk.expert_text IS NOT NULL THEN 4 WHEN sk.practitioner_text IS NOT NULL THEN 3
                WHEN sk.working_text IS NOT NULL THEN 2 WHEN sk.awareness_text IS NOT NULL THEN 1 ELSE 4 END AS highest
      FROM framework_versions v
      JOIN role_families f ON f.version_id = v.id
      JOIN roles r ON r.role_family_id = f.id
      JOIN role_levels rl ON rl.role_id = r.id
      JOIN skill_requirements q ON q.role_level_id = rl.id
      JOIN skills sk ON sk.id = q.skill_id
     WHERE v.is_current
     GROUP BY f.slug, sk.id, sk.slug, sk.name
  )
  SELECT family, skill_id, slug, name, highest,
         row_number() OVER (PARTITION BY family ORDER BY uses DESC, slug) AS rank
    FROM counted`;

/**
 * The starter map, set-based: for each family's top skills, one item per rung of the ladder ($2, jsonb), its code
 * DEMO-<FAMILY>-<rank>-L<level>, up to the skill's highest level. A skill shared by several families gets
 * items from each (their codes differ).
 */
const DEMO_LADDER_ITEMS = `
  WITH top AS (SELECT * FROM (${TOP_SKILLS}) t WHERE rank <= $1),
  ladder AS (SELECT * FROM jsonb_to_recordset($2::jsonb)
               AS l(level int, label text, format text, "providerKind" text, "providerName" text, hours numeric)),
  planned AS (
    SELECT 'DEMO-' || upper(top.family) || '-' || top.rank || '-L' || l.level AS code,
           '[Demo] ' || l.label || ' ' || lower(left(top.name, 1)) || substr(top.name, 2) AS title,
           l."providerKind" AS provider_kind, l."providerName" AS provider_name, l.format, l.hours,
           top.skill_id, top.slug, l.level
      FROM top JOIN ladder l ON l.level <= top.highest
  ),
  items AS (
    INSERT INTO learning_items (code, title, provider_kind, provider_name, format, hours, description, demo)
    SELECT code, title, provider_kind, provider_name, format, hours, $3, true FROM planned
    RETURNING id, code
  )
  INSERT INTO learning_item_skills (item_id, skill_id, skill_slug, level)
  SELECT items.id, planned.skill_id, planned.slug, planned.level FROM items JOIN planned USING (code)
  RETURNING 1`;

/** The inclusion packages ($1, jsonb) as Civil Service Learning e-learning. */
const DEMO_INCLUSION = `
  INSERT INTO learning_items (code, title, provider_kind, provider_name, format, hours, description,
                              counts_towards_inclusion, inclusion_package, demo)
  SELECT x.code, x.title, 'civil_service_learning', 'Civil Service Learning', 'e_learning', x.hours, $2, true,
         x."inclusionPackage", true
    FROM jsonb_to_recordset($1::jsonb) AS x(code text, title text, "inclusionPackage" text, hours numeric)
  RETURNING 1`;

/** Events ($1, jsonb) at 10:00 UTC `startDay` days after the reference day $2. */
const DEMO_EVENT_ITEMS = `
  INSERT INTO learning_items (code, title, provider_kind, provider_name, format, hours, description, starts_at,
                              ends_at, location, demo)
  SELECT x.code, x.title, 'in_house', 'Digital profession team', 'event', x.hours, $3,
         ($2::date + x."startDay") + time '10:00' AT TIME ZONE 'UTC',
         ($2::date + x."startDay") + time '10:00' AT TIME ZONE 'UTC' + make_interval(mins => (x.hours * 60)::int),
         x.location, true
    FROM jsonb_to_recordset($1::jsonb) AS x(code text, title text, "startDay" int, hours numeric, location text)
  RETURNING 1`;

/**
 * The demo department's starter learning map, plainly marked as demo content (the demo flag, "[Demo]" titles,
 * the note in every description): for every role family, items taking a learner to levels 1..4 of its most
 * required skills; both digital inclusion packages; show and tells, digital month roadshows and code clubs, some
 * in the last months (their attendance is the records demo's) and some in the coming weeks, dated from the day the
 * demo is loaded. Deterministic from the framework. Skipped when the catalogue has any item.
 */
@Injectable()
@Seeder({ name: 'demo-learning-map', order: 140, demo: true })
export class LearningMapDemoSeeder implements SeederHandler {
  private readonly logger = new Logger(LearningMapDemoSeeder.name);

  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  @Transactional()
  async seed(): Promise<void> {
    const sql = this.txHost.tx;
    const existing = await sql.query<unknown[]>('SELECT 1 FROM learning_items LIMIT 1');
    if (existing.length > 0) return;
    const ladder = await sql.query<unknown[]>(DEMO_LADDER_ITEMS, [
      DEMO_SKILLS_PER_FAMILY,
      JSON.stringify(DEMO_LADDER),
      DEMO_NOTE,
    ]);
    const inclusion = await sql.query<unknown[]>(DEMO_INCLUSION, [JSON.stringify(DEMO_INCLUSION_ITEMS), DEMO_NOTE]);
    const events = await sql.query<unknown[]>(DEMO_EVENT_ITEMS, [JSON.stringify(DEMO_EVENTS), today(), DEMO_NOTE]);
    this.logger.log(
      `Loaded the demo learning map: ${ladder.length} items over every role family, ` +
        `${inclusion.length} inclusion packages, ${events.length} events`,
    );
  }
}
