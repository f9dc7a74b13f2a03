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
import { CampaignGapRoleLevel } from './campaign-gap-role-level.entity.js';
import { CampaignGapSkill } from './campaign-gap-skill.entity.js';
import { CampaignPartner } from './campaign-partner.entity.js';
import { Campaign, type CampaignKind, type CampaignState } from './campaign.entity.js';
import type { PartnerKind } from './partner.entity.js';

export type NewCampaignRow = Pick<
  Campaign,
  'title' | 'kind' | 'ownerUserId' | 'startsOn' | 'endsOn' | 'targetHires' | 'createdByUserId'
>;
export type CampaignPatch = Partial<
  Pick<
    Campaign,
    'title' | 'kind' | 'ownerUserId' | 'startsOn' | 'endsOn' | 'targetHires' | 'state' | 'openedAt' | 'closedAt'
  >
>;

export interface CampaignFilter {
  state?: CampaignState;
  kind?: CampaignKind;
  partnerId?: string;
}

export interface CampaignPartnerRef {
  campaignId: string;
  id: string;
  name: string;
  kind: PartnerKind;
  country: string;
}

export interface GapRoleLevelRef {
  campaignId: string;
  id: string;
  slug: string;
  name: string;
  roleFamilySlug: string;
}

export interface GapSkillRef {
  campaignId: string;
  slug: string;
  name: string;
}

export interface CampaignCounts {
  campaignId: string;
  /** Vacancies not withdrawn. */
  vacancies: number;
  /** Their posts. */
  posts: number;
}

const COLUMNS = `c.*, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on`;

@Injectable()
export class CampaignsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get campaigns() {
    return this.txHost.tx.getRepository(Campaign);
  }

  /** The campaign when `visible` (SQL over `c`; its values after `$1`, the id) admits it; `lock` locks it. */
  async find(id: string, visible: string, values: unknown[], lock = false): Promise<Campaign | null> {
    const rows: Record<string, unknown>[] = await this.txHost.tx.query(
      `SELECT ${COLUMNS} FROM campaigns c WHERE c.id = $1 AND ${visible} ${lock ? 'FOR UPDATE OF c' : ''}`,
      [id, ...values],
    );
    return rows[0] ? entityFromRaw(this.campaigns, rows[0]) : null;
  }

  /** Campaigns `visible` admits (SQL over `c`, its values after the filter's), newest first. */
  async list(filter: CampaignFilter, visible: (values: unknown[]) => string, page: PageQuery): Promise<Page<Campaign>> {
    const values: unknown[] = [];
    const where: string[] = [];
    if (filter.state) {
      values.push(filter.state);
      where.push(`c.state = $${values.length}`);
    }
    if (filter.kind) {
      values.push(filter.kind);
      where.push(`c.kind = $${values.length}`);
    }
    if (filter.partnerId) {
      values.push(filter.partnerId);
      where.push(
        `EXISTS (SELECT 1 FROM campaign_partners cp WHERE cp.campaign_id = c.id AND cp.partner_id = $${values.length}::uuid)`,
      );
    }
    if (page.cursor) {
      const [createdAt, id] = decodeCursor(page.cursor, 2);
      values.push(createdAt, id);
      where.push(`(c.created_at, c.id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`);
    }
    where.push(visible(values));
    values.push(page.limit + 1);
    const rows: Record<string, unknown>[] = await this.txHost.tx.query(
      `SELECT ${COLUMNS} FROM campaigns c WHERE ${where.join(' AND ')}
        ORDER BY c.created_at DESC, c.id DESC LIMIT $${values.length}`,
      values,
    );
    return pageFrom(
      rows.map((r) => entityFromRaw(this.campaigns, r)),
      page.limit,
      (last) => [last.createdAt.toISOString(), last.id],
    );
  }

  async insert(row: NewCampaignRow): Promise<string> {
    const result = await this.campaigns.createQueryBuilder().insert().values(row).returning('id').execute();
    return (result.identifiers[0] as { id: string }).id;
  }

  async updateIfVersion(id: string, version: number, patch: CampaignPatch): Promise<boolean> {
    return (await updateIfVersion(this.campaigns, id, version, patch)) !== null;
  }

  partnersOf(campaignIds: string[]): Promise<CampaignPartnerRef[]> {
    return this.txHost.tx.query(
      `SELECT cp.campaign_id AS "campaignId", p.id, p.name, p.kind, p.country
         FROM campaign_partners cp JOIN partners p ON p.id = cp.partner_id
        WHERE cp.campaign_id = ANY($1::uuid[]) ORDER BY p.name, p.id`,
      [campaignIds],
    );
  }

  gapRoleLevelsOf(campaignIds: string[]): Promise<GapRoleLevelRef[]> {
    return this.txHost.tx.query(
      `SELECT g.campaign_id AS "campaignId", rl.id, rl.slug, rl.name, rf.slug AS "roleFamilySlug"
         FROM campaign_gap_role_levels g JOIN role_levels rl ON rl.id = g.role_level_id
         JOIN roles r ON r.id = rl.role_id JOIN role_families rf ON rf.id = r.role_family_id
        WHERE g.campaign_id = ANY($1::uuid[]) ORDER BY rf.slug, rl.slug`,
      [campaignIds],
    );
  }

  gapSkillsOf(campaignIds: string[]): Promise<GapSkillRef[]> {
    return this.txHost.tx.query(
      `SELECT g.campaign_id AS "campaignId", g.skill_slug AS slug, sk.name
         FROM campaign_gap_skills g JOIN skills sk ON sk.id = g.skill_id
        WHERE g.campaign_id = ANY($1::uuid[]) ORDER BY g.skill_slug`,
      [campaignIds],
    );
  }

  countsOf(campaignIds: string[]): Promise<CampaignCounts[]> {
    return this.txHost.tx.query(
      `SELECT v.campaign_id AS "campaignId", count(*)::int AS vacancies, coalesce(sum(v.posts), 0)::int AS posts
         FROM vacancies v WHERE v.campaign_id = ANY($1::uuid[]) AND v.state <> 'withdrawn'
        GROUP BY v.campaign_id`,
      [campaignIds],
    );
  }

  async replacePartners(campaignId: string, partnerIds: string[]): Promise<void> {
    await this.txHost.tx.getRepository(CampaignPartner).delete({ campaignId });
    if (partnerIds.length === 0) return;
    await this.txHost.tx
      .getRepository(CampaignPartner)
      .createQueryBuilder()
      .insert()
      .values(partnerIds.map((partnerId) => ({ campaignId, partnerId })))
      .execute();
  }

  async replaceGapRoleLevels(campaignId: string, roleLevelIds: string[]): Promise<void> {
    await this.txHost.tx.getRepository(CampaignGapRoleLevel).delete({ campaignId });
    if (roleLevelIds.length === 0) return;
    await this.txHost.tx
      .getRepository(CampaignGapRoleLevel)
      .createQueryBuilder()
      .insert()
      .values(roleLevelIds.map((roleLevelId) => ({ campaignId, roleLevelId })))
      .execute();
  }

  async replaceGapSkills(campaignId: string, skills: { slug: string; id: string }[]): Promise<void> {
    await this.txHost.tx.getRepository(CampaignGapSkill).delete({ campaignId });
    if (skills.length === 0) return;
    await this.txHost.tx
      .getRepository(CampaignGapSkill)
      .createQueryBuilder()
      .insert()
      .values(skills.map((s) => ({ campaignId, skillSlug: s.slug, skillId: s.id })))
      .execute();
  }

  /** How many of the campaign's vacancies are still a draft or open. */
  async liveVacancies(campaignId: string): Promise<number> {
    const [row]: { n: number }[] = await this.txHost.tx.query(
      `SELECT count(*)::int AS n FROM vacancies WHERE campaign_id = $1 AND state IN ('draft', 'open')`,
      [campaignId],
    );
    return row?.n ?? 0;
  }

  /** The campaign's vacancies (not withdrawn) whose closing date falls outside [startsOn, endsOn]. */
  async vacanciesClosingOutside(campaignId: string, startsOn: string, endsOn: string): Promise<string[]> {
    const rows: { id: string }[] = await this.txHost.tx.query(
      `SELECT id FROM vacancies WHERE campaign_id = $1 AND state <> 'withdrawn'
          AND (closes_on < $2::date OR closes_on > $3::date) ORDER BY closes_on, id`,
      [campaignId, startsOn, endsOn],
    );
    return rows.map((r) => r.id);
  }
}
