import {
  AuditService,
  PreconditionFailedError,
  Transactional,
  type Actor,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { today } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import type { Campaign } from './campaign.entity.js';
import { CampaignNotOpen } from './campaign.errors.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { PlanningLookupsRepository } from './planning-lookups.repository.js';
import { PlanningPermission } from './planning-permissions.js';
import { vacancyScopeSql } from './planning-scope.js';
import {
  allowedVacancyActions,
  nextVacancyState,
  OPEN_VACANCY_EDITABLE,
  type VacancyAction,
} from './planning-states.js';
import {
  VacanciesRepository,
  type PanelMemberRef,
  type RequiredSkill,
  type VacancyFilter,
  type VacancyLocationRef,
  type VacancyPatch,
  type VacancyRefs,
} from './vacancies.repository.js';
import {
  DEFAULT_REQUIRED_CHECKS,
  DEFAULT_RESERVE_LIST_MONTHS,
  PRE_EMPLOYMENT_CHECKS,
  type PreEmploymentCheck,
  type Vacancy,
} from './vacancy.entity.js';
import { IllegalVacancyMove, VacancyFieldsLocked, VacancyInvalid, VacancyNotFound } from './vacancy.errors.js';

type Problem = { field: string; message: string };

export interface NewPanelMember {
  userId: string;
  /** The vacancy holder, who leads the panel; at most one. */
  chair?: boolean;
}

export interface NewVacancy {
  campaignId: string;
  title: string;
  /** A role level of the current framework version. */
  roleLevelId: string;
  gradeId: string;
  unitId: string;
  locationIds: string[];
  posts: number;
  salaryMin: number;
  salaryMax: number;
  closesOn: string;
  /** Default right to work and BPSS; right to work is always required. */
  requiredChecks?: PreEmploymentCheck[];
  /** Default 12, at most 24. */
  reserveListMonths?: number;
  panel?: NewPanelMember[];
}

/** A list given (locations, panel) replaces the vacancy's. */
export type VacancyChanges = Partial<Omit<NewVacancy, 'campaignId'>>;

export interface VacancyDetail {
  vacancy: Vacancy;
  refs: Omit<VacancyRefs, 'vacancyId'>;
  locations: Omit<VacancyLocationRef, 'vacancyId'>[];
  panel: Omit<PanelMemberRef, 'vacancyId'>[];
}

export interface VacancyWithSkills extends VacancyDetail {
  requiredSkills: RequiredSkill[];
}

const without = <T extends { vacancyId: string }>({ vacancyId: _v, ...rest }: T): Omit<T, 'vacancyId'> => rest;

/** The fields of a vacancy as the request names them, for comparing and for `changedFields`. */
const TERMS = [
  'title',
  'roleLevelId',
  'gradeId',
  'unitId',
  'posts',
  'salaryMin',
  'salaryMax',
  'closesOn',
  'requiredChecks',
  'reserveListMonths',
] as const;

/**
 * Vacancies. HR and admins read and manage every vacancy; heads of profession read those whose role level is in a
 * family they lead; panel members those whose panel they sit on; anyone else gets a 404. A vacancy is added under
 * a draft or open campaign and opened only under an open one, closing within the campaign's period. Draft → open →
 * closed, or withdrawn; once open its advertised terms stay (title, closing date, posts, locations and reserve list
 * may still change), and its panel may change until it is withdrawn. Every write is audited.
 */
@Injectable()
export class VacanciesService {
  constructor(
    private readonly vacancies: VacanciesRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly lookups: PlanningLookupsRepository,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async create(actor: Actor, input: NewVacancy): Promise<VacancyWithSkills> {
    const campaign = await this.campaigns.find(input.campaignId, 'TRUE', [], true);
    if (!campaign) throw new VacancyInvalid([{ field: 'campaignId', message: 'no such campaign' }]);
    if (campaign.state === 'closed') {
      throw new CampaignNotOpen(campaign.state, 'vacancies are added only under a draft or open campaign');
    }
    const requiredChecks = inOrder(input.requiredChecks ?? DEFAULT_REQUIRED_CHECKS);
    const problems = await this.check(campaign, { ...input, requiredChecks }, input);
    if (problems.length > 0) throw new VacancyInvalid(problems);
    const id = await this.vacancies.insert({
      campaignId: campaign.id,
      title: input.title,
      roleLevelId: input.roleLevelId,
      gradeId: input.gradeId,
      unitId: input.unitId,
      posts: input.posts,
      salaryMin: input.salaryMin,
      salaryMax: input.salaryMax,
      closesOn: input.closesOn,
      requiredChecks,
      reserveListMonths: input.reserveListMonths ?? DEFAULT_RESERVE_LIST_MONTHS,
      createdByUserId: actor.userId,
    });
    await this.vacancies.replaceLocations(id, input.locationIds);
    await this.vacancies.replacePanel(id, panelRows(input.panel ?? []));
    await this.audit.record(actor, {
      action: 'vacancy.created',
      entityType: 'vacancy',
      entityId: id,
      changedFields: Object.keys(input).filter((k) => input[k as keyof NewVacancy] !== undefined),
    });
    return this.get(actor, id);
  }

  async list(actor: Actor, filter: VacancyFilter, page: PageQuery): Promise<Page<VacancyDetail>> {
    const found = await this.vacancies.list(
      filter,
      (values) => vacancyScopeSql(actor, PlanningPermission.VacancyRead, 'v', values),
      page,
    );
    return { items: await this.details(found.items), nextCursor: found.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<VacancyWithSkills> {
    const vacancy = await this.visible(actor, id, PlanningPermission.VacancyRead, false);
    const [detail] = await this.details([vacancy]);
    return { ...detail!, requiredSkills: await this.vacancies.requiredSkills(vacancy.roleLevelId) };
  }

  /**
   * Changes a vacancy at the version the caller read (If-Match): its terms while a draft (some while open), its
   * panel until it is withdrawn.
   */
  @Transactional()
  async update(actor: Actor, id: string, version: number, changes: VacancyChanges): Promise<VacancyWithSkills> {
    const vacancy = await this.visible(actor, id, PlanningPermission.VacancyManage, true);
    if (vacancy.version !== version) throw new PreconditionFailedError('vacancy');
    const [before] = await this.details([vacancy]);
    const was: Record<string, unknown> = {
      ...Object.fromEntries(TERMS.map((k) => [k, vacancy[k]])),
      requiredChecks: inOrder(vacancy.requiredChecks),
      locationIds: before!.locations.map((l) => l.id).sort(),
    };
    const now: Record<string, unknown> = {
      ...Object.fromEntries(TERMS.map((k) => [k, changes[k] ?? vacancy[k]])),
      requiredChecks: inOrder(changes.requiredChecks ?? vacancy.requiredChecks),
      locationIds: [...(changes.locationIds ?? (was.locationIds as string[]))].sort(),
    };
    const terms = Object.keys(now).filter((k) => JSON.stringify(now[k]) !== JSON.stringify(was[k]));
    const panelChanged = changes.panel !== undefined && !samePanel(before!.panel, panelRows(changes.panel));
    if (terms.length > 0) this.allow(vacancy, 'edit');
    if (panelChanged) this.allow(vacancy, 'change-panel');
    if (vacancy.state === 'open') {
      const locked = terms.filter((k) => !(OPEN_VACANCY_EDITABLE as readonly string[]).includes(k));
      if (locked.length > 0) throw new VacancyFieldsLocked(locked);
    }
    if (terms.length === 0 && !panelChanged) return { ...before!, requiredSkills: await this.requiredOf(vacancy) };

    const campaign = (await this.campaigns.find(vacancy.campaignId, 'TRUE', []))!;
    const merged = now as Omit<NewVacancy, 'campaignId' | 'panel' | 'requiredChecks'> & {
      requiredChecks: PreEmploymentCheck[];
    };
    const problems = await this.check(campaign, merged, {
      ...(terms.includes('roleLevelId') ? { roleLevelId: merged.roleLevelId } : {}),
      ...(terms.includes('gradeId') ? { gradeId: merged.gradeId } : {}),
      ...(terms.includes('unitId') ? { unitId: merged.unitId } : {}),
      ...(terms.includes('locationIds') ? { locationIds: merged.locationIds } : {}),
      ...(panelChanged ? { panel: changes.panel } : {}),
    });
    if (vacancy.state === 'open' && terms.includes('closesOn') && merged.closesOn < today()) {
      problems.push({ field: 'closesOn', message: 'an open vacancy closes today or later' });
    }
    if (problems.length > 0) throw new VacancyInvalid(problems);

    const patch: VacancyPatch = Object.fromEntries(terms.filter((k) => k !== 'locationIds').map((k) => [k, now[k]]));
    if (terms.includes('locationIds')) await this.vacancies.replaceLocations(id, merged.locationIds);
    if (panelChanged) await this.vacancies.replacePanel(id, panelRows(changes.panel ?? []));
    if (!(await this.vacancies.updateIfVersion(id, version, patch))) throw new PreconditionFailedError('vacancy');
    await this.audit.record(actor, {
      action: 'vacancy.updated',
      entityType: 'vacancy',
      entityId: id,
      changedFields: [...terms, ...(panelChanged ? ['panel'] : [])],
    });
    return this.get(actor, id);
  }

  /** Draft → open, under an open campaign, closing today or later, with a panel chair. */
  @Transactional()
  async open(actor: Actor, id: string): Promise<VacancyWithSkills> {
    const vacancy = await this.lockedFor(actor, id, 'open');
    const campaign = (await this.campaigns.find(vacancy.campaignId, 'TRUE', []))!;
    if (campaign.state !== 'open') {
      throw new CampaignNotOpen(campaign.state, 'a vacancy is opened only under an open campaign');
    }
    const [detail] = await this.details([vacancy]);
    const problems: Problem[] = [];
    if (vacancy.closesOn < today()) problems.push({ field: 'closesOn', message: `closed on ${vacancy.closesOn}` });
    if (!detail!.panel.some((m) => m.chair)) {
      problems.push({ field: 'panel', message: 'a vacancy opens with a panel chair (its vacancy holder)' });
    }
    if (problems.length > 0) throw new VacancyInvalid(problems);
    return this.move(actor, vacancy, { state: 'open', openedAt: new Date() }, 'opened');
  }

  /** Open → closed: applications stop (sift, interviews and offers go on). */
  @Transactional()
  async close(actor: Actor, id: string): Promise<VacancyWithSkills> {
    const vacancy = await this.lockedFor(actor, id, 'close');
    return this.move(actor, vacancy, { state: 'closed', closedAt: new Date() }, 'closed');
  }

  /** Draft or open → withdrawn: the advert is pulled and the vacancy is over. */
  @Transactional()
  async withdraw(actor: Actor, id: string): Promise<VacancyWithSkills> {
    const vacancy = await this.lockedFor(actor, id, 'withdraw');
    return this.move(actor, vacancy, { state: 'withdrawn', withdrawnAt: new Date() }, 'withdrawn');
  }

  /** Closes the open vacancies whose closing day has passed (the daily job); audited each, with no actor. */
  @Transactional()
  async closeOverdue(day: string): Promise<number> {
    const ids = await this.vacancies.closeOverdue(day);
    for (const id of ids) {
      await this.audit.record(null, {
        action: 'vacancy.closed',
        entityType: 'vacancy',
        entityId: id,
        changedFields: ['state', 'closedAt'],
        details: { automatic: true },
      });
    }
    return ids.length;
  }

  private async move(actor: Actor, vacancy: Vacancy, patch: VacancyPatch, action: string): Promise<VacancyWithSkills> {
    if (!(await this.vacancies.updateIfVersion(vacancy.id, vacancy.version, patch))) {
      throw new PreconditionFailedError('vacancy');
    }
    await this.audit.record(actor, {
      action: `vacancy.${action}`,
      entityType: 'vacancy',
      entityId: vacancy.id,
      changedFields: Object.keys(patch),
    });
    return this.get(actor, vacancy.id);
  }

  /**
   * Every rule of a vacancy's terms the request's shape cannot check, each failing field named: the closing date
   * within the campaign, the salary range, right to work among the checks; and, for the references in `given`,
   * that they exist (role levels of the current framework; panel members who may sign in, one chair at most).
   */
  private async check(
    campaign: Campaign,
    terms: Pick<NewVacancy, 'closesOn' | 'salaryMin' | 'salaryMax'> & { requiredChecks: PreEmploymentCheck[] },
    given: Partial<Pick<NewVacancy, 'roleLevelId' | 'gradeId' | 'unitId' | 'locationIds' | 'panel'>>,
  ): Promise<Problem[]> {
    const problems: Problem[] = [];
    if (terms.closesOn < campaign.startsOn || terms.closesOn > campaign.endsOn) {
      problems.push({
        field: 'closesOn',
        message: `must be within the campaign's period (${campaign.startsOn} to ${campaign.endsOn})`,
      });
    }
    if (terms.salaryMin > terms.salaryMax) problems.push({ field: 'salaryMax', message: 'must be at least salaryMin' });
    if (!terms.requiredChecks.includes('right-to-work')) {
      problems.push({ field: 'requiredChecks', message: 'right-to-work is required for every vacancy (a legal duty)' });
    }
    if (given.roleLevelId !== undefined && !(await this.lookups.currentRoleLevels([given.roleLevelId])).size) {
      problems.push({ field: 'roleLevelId', message: 'not a role level of the current framework' });
    }
    if (given.gradeId !== undefined && !(await this.lookups.gradeExists(given.gradeId))) {
      problems.push({ field: 'gradeId', message: 'no such grade' });
    }
    if (given.unitId !== undefined && !(await this.lookups.unitExists(given.unitId))) {
      problems.push({ field: 'unitId', message: 'no such organisation unit' });
    }
    if (given.locationIds !== undefined) {
      const known = await this.lookups.existingLocations(given.locationIds);
      given.locationIds.forEach((l, i) => {
        if (!known.has(l)) problems.push({ field: `locationIds[${i}]`, message: 'no such location' });
      });
    }
    if (given.panel !== undefined) {
      const users = await this.lookups.enabledUsers(given.panel.map((m) => m.userId));
      given.panel.forEach((m, i) => {
        if (!users.has(m.userId)) {
          problems.push({ field: `panel[${i}].userId`, message: 'no such user (or one who may no longer sign in)' });
        }
      });
      const ids = given.panel.map((m) => m.userId);
      ids.forEach((userId, i) => {
        if (ids.indexOf(userId) !== i) problems.push({ field: `panel[${i}].userId`, message: 'already on the panel' });
      });
      if (given.panel.filter((m) => m.chair === true).length > 1) {
        problems.push({ field: 'panel', message: 'a panel has one chair at most' });
      }
    }
    return problems;
  }

  private allow(vacancy: Vacancy, action: VacancyAction): void {
    if (nextVacancyState(vacancy.state, action) === null) {
      throw new IllegalVacancyMove(vacancy.state, action, allowedVacancyActions(vacancy.state));
    }
  }

  private async details(vacancies: Vacancy[]): Promise<VacancyDetail[]> {
    const ids = vacancies.map((v) => v.id);
    if (ids.length === 0) return [];
    const refs = new Map((await this.vacancies.refsOf(ids)).map((r) => [r.vacancyId, r]));
    const locations = await this.vacancies.locationsOf(ids);
    const panels = await this.vacancies.panelsOf(ids);
    return vacancies.map((vacancy) => ({
      vacancy,
      refs: without(refs.get(vacancy.id)!),
      locations: locations.filter((l) => l.vacancyId === vacancy.id).map(without),
      panel: panels.filter((p) => p.vacancyId === vacancy.id).map(without),
    }));
  }

  private requiredOf(vacancy: Vacancy): Promise<RequiredSkill[]> {
    return this.vacancies.requiredSkills(vacancy.roleLevelId);
  }

  private async visible(actor: Actor, id: string, permission: string, lock: boolean): Promise<Vacancy> {
    const values: unknown[] = [id];
    const condition = vacancyScopeSql(actor, permission, 'v', values);
    const vacancy = await this.vacancies.find(id, condition, values.slice(1), lock);
    if (!vacancy) throw new VacancyNotFound(id);
    return vacancy;
  }

  /** The vacancy, locked, when the actor manages it and its state allows `action` (409 naming what it allows). */
  private async lockedFor(actor: Actor, id: string, action: VacancyAction): Promise<Vacancy> {
    const vacancy = await this.visible(actor, id, PlanningPermission.VacancyManage, true);
    this.allow(vacancy, action);
    return vacancy;
  }
}

/** Checks in the order `PRE_EMPLOYMENT_CHECKS` lists them (so the same set always reads the same). */
function inOrder(checks: readonly PreEmploymentCheck[]): PreEmploymentCheck[] {
  return PRE_EMPLOYMENT_CHECKS.filter((c) => checks.includes(c));
}

function panelRows(panel: NewPanelMember[]): { userId: string; chair: boolean }[] {
  return panel.map((m) => ({ userId: m.userId, chair: m.chair === true }));
}

function samePanel(before: Omit<PanelMemberRef, 'vacancyId'>[], after: { userId: string; chair: boolean }[]): boolean {
  const key = (panel: { userId: string; chair: boolean }[]) =>
    JSON.stringify(panel.map((m) => [m.userId, m.chair]).sort());
  return key(before) === key(after);
}
