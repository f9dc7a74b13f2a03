import {
  decodeCursor,
  entityFromRaw,
  pageFrom,
  TransactionalAdapterTypeOrm,
  TransactionHost,
  updateIfVersion,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import type { CampaignKind, CampaignState } from './campaign.entity.js';
import { VacancyLocation } from './vacancy-location.entity.js';
import { VacancyPanelMember } from './vacancy-panel-member.entity.js';
import { Vacancy, type VacancyState } from './vacancy.entity.js';

export type NewVacancyRow = Pick<
  Vacancy,
  | 'campaignId'
  | 'title'
  | 'roleLevelId'
  | 'gradeId'
  | 'unitId'
  | 'posts'
  | 'salaryMin'
  | 'salaryMax'
  | 'closesOn'
  | 'requiredChecks'
  | 'reserveListMonths'
  | 'createdByUserId'
>;
export type VacancyPatch = Partial<
  Omit<NewVacancyRow, 'campaignId' | 'createdByUserId'> &
    Pick<Vacancy, 'state' | 'openedAt' | 'closedAt' | 'withdrawnAt'>
>;

export interface VacancyFilter {
  campaignId?: string;
  state?: VacancyState;
  /** The unit and its subtree. */
  unitId?: string;
  roleFamily?: string;
}

/** What a vacancy refers to, as the API shows it. */
export interface VacancyRefs {
  vacancyId: string;
  campaign: { id: string; title: string; kind: CampaignKind; state: CampaignState };
  roleLevel: { id: string; slug: string; name: string };
  roleFamilySlug: string;
  grade: { id: string; code: string; name: string };
  unit: { id: string; code: string; name: string };
}

export interface VacancyLocationRef {
  vacancyId: string;
  id: string;
  code: string;
  name: string;
  region: string;
  isRegionalHub: boolean;
}

export interface PanelMemberRef {
  vacancyId: string;
  userId: string;
  displayName: string;
  chair: boolean;
}

/** A skill the framework requires of a role level, at the level it requires. */
export interface RequiredSkill {
  slug: string;
  name: string;
  level: number;
}

const COLUMNS = `v.*, to_char(v.closes_on, 'YYYY-MM-DD') AS closes_on`;
const FAMILY_JOIN = `JOIN role_levels rl ON rl.id = v.role_level_id JOIN roles r ON r.id = rl.role_id
  JOIN role_families rf ON rf.id = r.role_family_id`;

@Injectable()
export class VacanciesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get vacancies() {
    return this.txHost.tx.getRepository(Vacancy);
  }

  /** The vacancy when `visible` (SQL over `v`; its values after `$1`, the id) admits it; `lock` locks it. */
  async find(id: string, visible: string, values: unknown[], lock = false): Promise<Vacancy | null> {
    const rows: Record<string, unknown>[] = await this.txHost.tx.query(
      `SELECT ${COLUMNS} FROM vacancies v WHERE v.id = $1 AND ${visible} ${lock ? 'FOR UPDATE OF v' : ''}`,
      [id, ...values],
    );
    return rows[0] ? entityFromRaw(this.vacancies, rows[0]) : null;
  }

  /** Vacancies `visible` admits (SQL over `v`, its values after the filter's), newest first. */
  async list(filter: VacancyFilter, visible: (values: unknown[]) => string, page: PageQuery): Promise<Page<Vacancy>> {
    const values: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown): void => {
      values.push(value);
      where.push(sql(`$${values.length}`));
    };
    if (filter.campaignId) add((p) => `v.campaign_id = ${p}::uuid`, filter.campaignId);
    if (filter.state) add((p) => `v.state = ${p}`, filter.state);
    if (filter.unitId) {
      add(
        (p) => `v.unit_id IN (SELECT ou.id FROM organisation_units ou WHERE ou.path @> ARRAY[${p}::uuid])`,
        filter.unitId,
      );
    }
    if (filter.roleFamily) add((p) => `rf.slug = ${p}`, filter.roleFamily);
    if (page.cursor) {
      const [createdAt, id] = decodeCursor(page.cursor, 2);
      values.push(createdAt, id);
      where.push(`(v.created_at, v.id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`);
    }
    where.push(visible(values));
    values.push(page.limit + 1);
    const rows: Record<string, unknown>[] = await this.txHost.tx.query(
      `SELECT ${COLUMNS} FROM vacancies v ${FAMILY_JOIN} WHERE ${where.join(' AND ')}
        ORDER BY v.created_at DESC, v.id DESC LIMIT $${values.length}`,
      values,
    );
    return pageFrom(
      rows.map((r) => entityFromRaw(this.vacancies, r)),
      page.limit,
      (last) => [last.createdAt.toISOString(), last.id],
    );
  }

  async insert(row: NewVacancyRow): Promise<string> {
    const result = await this.vacancies.createQueryBuilder().insert().values(row).returning('id').execute();
    return (result.identifiers[0] as { id: string }).id;
  }

  async updateIfVersion(id: string, version: number, patch: VacancyPatch): Promise<boolean> {
    return (await updateIfVersion(this.vacancies, id, version, patch)) !== null;
  }

  /**
   * Closes every open vacancy whose closing day is before `day`, as of the end of its closing day (midnight UTC),
   * however late this runs; returns their ids.
   */
  async closeOverdue(day: string): Promise<string[]> {
    const rows: { id: string }[] = await this.txHost.tx.query(
      `WITH closed AS (
         UPDATE vacancies SET state = 'closed', closed_at = (closes_on + 1)::timestamp AT TIME ZONE 'UTC',
                version = version + 1, updated_at = now()
          WHERE state = 'open' AND closes_on < $1::date
         RETURNING id)
       SELECT id FROM closed ORDER BY id`,
      [day],
    );
    return rows.map((r) => r.id);
  }

  async refsOf(vacancyIds: string[]): Promise<VacancyRefs[]> {
    const rows: {
      vacancy_id: string;
      campaign_id: string;
      campaign_title: string;
      campaign_kind: CampaignKind;
      campaign_state: CampaignState;
      role_level_id: string;
      role_level_slug: string;
      role_level_name: string;
      role_family_slug: string;
      grade_id: string;
      grade_code: string;
      grade_name: string;
      unit_id: string;
      unit_code: string;
      unit_name: string;
    }[] = await this.txHost.tx.query(
      `SELECT v.id AS vacancy_id, c.id AS campaign_id, c.title AS campaign_title, c.kind AS campaign_kind,
              c.state AS campaign_state, rl.id AS role_level_id, rl.slug AS role_level_slug,
              rl.name AS role_level_name, rf.slug AS role_family_slug, g.id AS grade_id, g.code AS grade_code, g.name AS grade_name,
              u.id AS unit_id, u.code AS unit_code, u.name AS unit_name
         FROM vacancies v JOIN campaigns c ON c.id = v.campaign_id ${FAMILY_JOIN}
         JOIN grades g ON g.id = v.grade_id JOIN organisation_units u ON u.id = v.unit_id
        WHERE v.id = ANY($1::uuid[])`,
      [vacancyIds],
    );
    return rows.map((r) => ({
      vacancyId: r.vacancy_id,
      campaign: { id: r.campaign_id, title: r.campaign_title, kind: r.campaign_kind, state: r.campaign_state },
      roleLevel: { id: r.role_level_id, slug: r.role_level_slug, name: r.role_level_name },
      roleFamilySlug: r.role_family_slug,
      grade: { id: r.grade_id, code: r.grade_code, name: r.grade_name },
      unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
    }));
  }

  locationsOf(vacancyIds: string[]): Promise<VacancyLocationRef[]> {
    return this.txHost.tx.query(
      `SELECT vl.vacancy_id AS "vacancyId", l.id, l.code, l.name, l.region, l.is_regional_hub AS "isRegionalHub"
         FROM vacancy_locations vl JOIN locations l ON l.id = vl.location_id
        WHERE vl.vacancy_id = ANY($1::uuid[]) ORDER BY l.name, l.id`,
      [vacancyIds],
    );
  }

  /** Panels, chair first, then by name. */
  panelsOf(vacancyIds: string[]): Promise<PanelMemberRef[]> {
    return this.txHost.tx.query(
      `SELECT pm.vacancy_id AS "vacancyId", pm.user_id AS "userId", u.display_name AS "displayName",
              pm.is_chair AS chair
         FROM vacancy_panel_members pm JOIN users u ON u.id = pm.user_id
        WHERE pm.vacancy_id = ANY($1::uuid[]) ORDER BY pm.is_chair DESC, u.display_name, pm.user_id`,
      [vacancyIds],
    );
  }

  /** The framework's requirements of a role level (the skills a vacancy for it asks for; a skill the data repeats, once). */
  requiredSkills(roleLevelId: string): Promise<RequiredSkill[]> {
    return this.txHost.tx.query(
      `SELECT slug, name, level FROM (
         SELECT DISTINCT ON (sk.id) sk.slug, sk.name, sr.required_level AS level, sr.position
           FROM skill_requirements sr JOIN skills sk ON sk.id = sr.skill_id
          WHERE sr.role_level_id = $1 ORDER BY sk.id, sr.required_level DESC, sr.position) x
        ORDER BY position`,
      [roleLevelId],
    );
  }

  async replaceLocations(vacancyId: string, locationIds: string[]): Promise<void> {
    const repo = this.txHost.tx.getRepository(VacancyLocation);
    await repo.delete({ vacancyId });
    if (locationIds.length === 0) return;
    await repo
      .createQueryBuilder()
      .insert()
      .values(locationIds.map((locationId) => ({ vacancyId, locationId })))
      .execute();
  }

  async replacePanel(vacancyId: string, panel: { userId: string; chair: boolean }[]): Promise<void> {
    const repo = this.txHost.tx.getRepository(VacancyPanelMember);
    await repo.delete({ vacancyId });
    if (panel.length === 0) return;
    await repo
      .createQueryBuilder()
      .insert()
      .values(panel.map((m) => ({ vacancyId, userId: m.userId, isChair: m.chair })))
      .execute();
  }
}
