import {
  AuditService,
  changedFields,
  PreconditionFailedError,
  Transactional,
  type Actor,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { today } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import type { Campaign, CampaignKind } from './campaign.entity.js';
import { CampaignHasLiveVacancies, CampaignInvalid, CampaignNotFound, IllegalCampaignMove } from './campaign.errors.js';
import {
  CampaignsRepository,
  type CampaignCounts,
  type CampaignFilter,
  type CampaignPartnerRef,
  type CampaignPatch,
  type GapRoleLevelRef,
  type GapSkillRef,
} from './campaigns.repository.js';
import { PlanningLookupsRepository } from './planning-lookups.repository.js';
import { PlanningPermission } from './planning-permissions.js';
import { campaignScopeSql } from './planning-scope.js';
import { allowedCampaignActions, nextCampaignState, type CampaignAction } from './planning-states.js';

type Problem = { field: string; message: string };

/** The capability gap a campaign addresses, as the gaps name it: role levels (ids) and skills (slugs). */
export interface CampaignGap {
  roleLevelIds?: string[];
  skillSlugs?: string[];
}

export interface NewCampaign {
  title: string;
  kind: CampaignKind;
  /** Defaults to the acting user. */
  ownerUserId?: string | null;
  startsOn: string;
  endsOn: string;
  targetHires: number;
  partnerIds?: string[];
  gap?: CampaignGap;
}

/** A list given (partners, the gap's role levels or skills) replaces the campaign's. */
export type CampaignChanges = Partial<Omit<NewCampaign, 'ownerUserId'>> & { ownerUserId?: string };

export interface CampaignDetail {
  campaign: Campaign;
  partners: Omit<CampaignPartnerRef, 'campaignId'>[];
  gapRoleLevels: Omit<GapRoleLevelRef, 'campaignId'>[];
  gapSkills: Omit<GapSkillRef, 'campaignId'>[];
  vacancies: number;
  posts: number;
}

const without = <T extends { campaignId: string }>({ campaignId: _c, ...rest }: T): Omit<T, 'campaignId'> => rest;

/**
 * Recruitment campaigns. HR and admins read and manage every campaign; heads of profession read those with a
 * vacancy or a gap role level in a family they lead; panel members those with a vacancy whose panel they sit on.
 * Anyone else gets a 404. Draft → open → closed; every write is audited.
 */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly lookups: PlanningLookupsRepository,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async create(actor: Actor, input: NewCampaign): Promise<CampaignDetail> {
    const owner = input.ownerUserId ?? actor.userId;
    const problems: Problem[] = [];
    if (input.endsOn < input.startsOn) problems.push({ field: 'endsOn', message: 'must be on or after startsOn' });
    if (!(await this.lookups.enabledUsers([owner])).has(owner)) {
      problems.push({ field: 'ownerUserId', message: 'no such user (or one who may no longer sign in)' });
    }
    problems.push(...(await this.checkLinks(input.partnerIds ?? [], input.gap ?? {})));
    if (problems.length > 0) throw new CampaignInvalid(problems);
    const id = await this.campaigns.insert({
      title: input.title,
      kind: input.kind,
      ownerUserId: owner,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      targetHires: input.targetHires,
      createdByUserId: actor.userId,
    });
    await this.saveLinks(id, input);
    await this.audit.record(actor, {
      action: 'campaign.created',
      entityType: 'campaign',
      entityId: id,
      changedFields: Object.keys(input).filter((k) => input[k as keyof NewCampaign] !== undefined),
    });
    return this.get(actor, id);
  }

  async list(actor: Actor, filter: CampaignFilter, page: PageQuery): Promise<Page<CampaignDetail>> {
    const found = await this.campaigns.list(
      filter,
      (values) => campaignScopeSql(actor, PlanningPermission.CampaignRead, 'c', values),
      page,
    );
    return { items: await this.details(found.items), nextCursor: found.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<CampaignDetail> {
    const campaign = await this.visible(actor, id, PlanningPermission.CampaignRead, false);
    const [detail] = await this.details([campaign]);
    return detail!;
  }

  /** Changes a draft or open campaign at the version the caller read (If-Match). */
  @Transactional()
  async update(actor: Actor, id: string, version: number, changes: CampaignChanges): Promise<CampaignDetail> {
    const campaign = await this.lockedFor(actor, id, 'edit');
    if (campaign.version !== version) throw new PreconditionFailedError('campaign');
    const startsOn = changes.startsOn ?? campaign.startsOn;
    const endsOn = changes.endsOn ?? campaign.endsOn;
    const problems: Problem[] = [];
    if (endsOn < startsOn) problems.push({ field: 'endsOn', message: 'must be on or after startsOn' });
    if (changes.kind !== undefined && changes.kind !== campaign.kind && campaign.state !== 'draft') {
      problems.push({ field: 'kind', message: 'an open campaign keeps its kind' });
    }
    if (changes.ownerUserId !== undefined && !(await this.lookups.enabledUsers([changes.ownerUserId])).size) {
      problems.push({ field: 'ownerUserId', message: 'no such user (or one who may no longer sign in)' });
    }
    if (endsOn >= startsOn && (startsOn !== campaign.startsOn || endsOn !== campaign.endsOn)) {
      const outside = await this.campaigns.vacanciesClosingOutside(id, startsOn, endsOn);
      if (outside.length > 0) {
        problems.push({
          field: changes.startsOn !== undefined ? 'startsOn' : 'endsOn',
          message: `${outside.length} of its vacancies would close outside the campaign (${outside.join(', ')})`,
        });
      }
    }
    problems.push(...(await this.checkLinks(changes.partnerIds ?? [], changes.gap ?? {})));
    if (problems.length > 0) throw new CampaignInvalid(problems);

    const patch: CampaignPatch = {
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.kind !== undefined ? { kind: changes.kind } : {}),
      ...(changes.ownerUserId !== undefined ? { ownerUserId: changes.ownerUserId } : {}),
      ...(changes.startsOn !== undefined ? { startsOn: changes.startsOn } : {}),
      ...(changes.endsOn !== undefined ? { endsOn: changes.endsOn } : {}),
      ...(changes.targetHires !== undefined ? { targetHires: changes.targetHires } : {}),
    };
    const fields = changedFields(campaign, patch);
    const [before] = await this.details([campaign]);
    fields.push(...(await this.saveLinks(id, changes, before)));
    if (fields.length === 0) return before!;
    if (!(await this.campaigns.updateIfVersion(id, version, patch))) throw new PreconditionFailedError('campaign');
    await this.audit.record(actor, {
      action: 'campaign.updated',
      entityType: 'campaign',
      entityId: id,
      changedFields: fields,
    });
    return this.get(actor, id);
  }

  /** Draft → open: its vacancies may then be opened. Not once its last day has passed. */
  @Transactional()
  async open(actor: Actor, id: string): Promise<CampaignDetail> {
    const campaign = await this.lockedFor(actor, id, 'open');
    if (campaign.endsOn < today()) {
      throw new CampaignInvalid([{ field: 'endsOn', message: `the campaign ended on ${campaign.endsOn}` }]);
    }
    return this.move(actor, campaign, { state: 'open', openedAt: new Date() }, 'opened');
  }

  /** Open → closed, once every vacancy of the campaign is closed or withdrawn. */
  @Transactional()
  async close(actor: Actor, id: string): Promise<CampaignDetail> {
    const campaign = await this.lockedFor(actor, id, 'close');
    const live = await this.campaigns.liveVacancies(id);
    if (live > 0) throw new CampaignHasLiveVacancies(live);
    return this.move(actor, campaign, { state: 'closed', closedAt: new Date() }, 'closed');
  }

  private async move(actor: Actor, campaign: Campaign, patch: CampaignPatch, action: string): Promise<CampaignDetail> {
    if (!(await this.campaigns.updateIfVersion(campaign.id, campaign.version, patch))) {
      throw new PreconditionFailedError('campaign');
    }
    await this.audit.record(actor, {
      action: `campaign.${action}`,
      entityType: 'campaign',
      entityId: campaign.id,
      changedFields: Object.keys(patch),
    });
    return this.get(actor, campaign.id);
  }

  /** Partners that exist; role levels and skills of the current framework (each failing entry named). */
  private async checkLinks(partnerIds: string[], gap: CampaignGap): Promise<Problem[]> {
    const problems: Problem[] = [];
    const partners = await this.lookups.existingPartners(partnerIds);
    partnerIds.forEach((p, i) => {
      if (!partners.has(p)) problems.push({ field: `partnerIds[${i}]`, message: 'no such partner' });
    });
    const levels = await this.lookups.currentRoleLevels(gap.roleLevelIds ?? []);
    (gap.roleLevelIds ?? []).forEach((l, i) => {
      if (!levels.has(l)) {
        problems.push({ field: `gap.roleLevelIds[${i}]`, message: 'not a role level of the current framework' });
      }
    });
    const skills = await this.lookups.currentSkills(gap.skillSlugs ?? []);
    (gap.skillSlugs ?? []).forEach((s, i) => {
      if (!skills.has(s)) {
        problems.push({
          field: `gap.skillSlugs[${i}]`,
          message: `unknown skill "${s}": not a skill of the current framework`,
        });
      }
    });
    return problems;
  }

  /** Replaces the lists given; returns the names of those that changed. */
  private async saveLinks(
    id: string,
    input: { partnerIds?: string[]; gap?: CampaignGap },
    before?: CampaignDetail,
  ): Promise<string[]> {
    const changed: string[] = [];
    const differs = (was: string[] | undefined, now: string[]) =>
      was === undefined || JSON.stringify([...was].sort()) !== JSON.stringify([...now].sort());
    if (
      input.partnerIds !== undefined &&
      differs(
        before?.partners.map((p) => p.id),
        input.partnerIds,
      )
    ) {
      await this.campaigns.replacePartners(id, input.partnerIds);
      changed.push('partnerIds');
    }
    const levelIds = input.gap?.roleLevelIds;
    if (
      levelIds !== undefined &&
      differs(
        before?.gapRoleLevels.map((l) => l.id),
        levelIds,
      )
    ) {
      await this.campaigns.replaceGapRoleLevels(id, levelIds);
      changed.push('gap.roleLevelIds');
    }
    const slugs = input.gap?.skillSlugs;
    if (
      slugs !== undefined &&
      differs(
        before?.gapSkills.map((s) => s.slug),
        slugs,
      )
    ) {
      const skills = await this.lookups.currentSkills(slugs);
      await this.campaigns.replaceGapSkills(
        id,
        slugs.map((slug) => ({ slug, id: skills.get(slug)!.id })),
      );
      changed.push('gap.skillSlugs');
    }
    return changed;
  }

  private async details(campaigns: Campaign[]): Promise<CampaignDetail[]> {
    const ids = campaigns.map((c) => c.id);
    if (ids.length === 0) return [];
    const partners = await this.campaigns.partnersOf(ids);
    const levels = await this.campaigns.gapRoleLevelsOf(ids);
    const skills = await this.campaigns.gapSkillsOf(ids);
    const counts = new Map<string, CampaignCounts>((await this.campaigns.countsOf(ids)).map((c) => [c.campaignId, c]));
    return campaigns.map((campaign) => ({
      campaign,
      partners: partners.filter((p) => p.campaignId === campaign.id).map(without),
      gapRoleLevels: levels.filter((l) => l.campaignId === campaign.id).map(without),
      gapSkills: skills.filter((s) => s.campaignId === campaign.id).map(without),
      vacancies: counts.get(campaign.id)?.vacancies ?? 0,
      posts: counts.get(campaign.id)?.posts ?? 0,
    }));
  }

  private async visible(actor: Actor, id: string, permission: string, lock: boolean): Promise<Campaign> {
    const values: unknown[] = [id];
    const condition = campaignScopeSql(actor, permission, 'c', values);
    const campaign = await this.campaigns.find(id, condition, values.slice(1), lock);
    if (!campaign) throw new CampaignNotFound(id);
    return campaign;
  }

  /** The campaign, locked, when the actor manages it and its state allows `action` (409 naming what it allows). */
  private async lockedFor(actor: Actor, id: string, action: CampaignAction): Promise<Campaign> {
    const campaign = await this.visible(actor, id, PlanningPermission.CampaignManage, true);
    if (nextCampaignState(campaign.state, action) === null) {
      throw new IllegalCampaignMove(campaign.state, action, allowedCampaignActions(campaign.state));
    }
    return campaign;
  }
}
