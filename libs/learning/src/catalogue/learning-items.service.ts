import {
  AuditService,
  ForbiddenError,
  PreconditionFailedError,
  scopesFor,
  Transactional,
  ValidationFailedError,
  type Actor,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { Injectable } from '@nestjs/common';
import { CATALOGUE_MANAGE_PERMISSION } from './catalogue-permissions.js';
import {
  EventFieldsInvalid,
  LearningItemNotFound,
  LearningItemNotManageable,
  SkillLevelTooHigh,
  UnknownSkill,
} from './learning-catalogue.errors.js';
import type { InclusionPackage, LearningFormat, ProviderKind } from './learning-item.entity.js';
import {
  LearningItemsRepository,
  type LearningItemDetail,
  type LearningItemFilter,
  type LearningItemRow,
} from './learning-items.repository.js';

export interface SkillTarget {
  slug: string;
  /** 1 awareness … 4 expert: the level the item takes a learner to. */
  level: number;
}

export interface NewLearningItem {
  code: string;
  title: string;
  providerKind: ProviderKind;
  providerName: string;
  format: LearningFormat;
  hours?: number | null;
  url?: string | null;
  description?: string | null;
  /** Defaults to true when an inclusion package is given, false otherwise. */
  countsTowardsInclusion?: boolean;
  inclusionPackage?: InclusionPackage | null;
  active?: boolean;
  /** ISO date-times; events only (and required for them). */
  startsAt?: string | null;
  endsAt?: string | null;
  location?: string | null;
  skills?: SkillTarget[];
}

export type LearningItemChanges = Partial<NewLearningItem>;

const FIELDS: (keyof NewLearningItem)[] = [
  'code',
  'title',
  'providerKind',
  'providerName',
  'format',
  'hours',
  'url',
  'description',
  'countsTowardsInclusion',
  'inclusionPackage',
  'active',
  'startsAt',
  'endsAt',
  'location',
];

/**
 * The learning map's items. Everyone signed in reads the catalogue; HR and admins manage every item, a head of
 * profession the items whose skills all belong to roles (current framework version) of the families they lead.
 * Skills are checked against the current framework version. Items are never deleted: they are retired.
 */
@Injectable()
export class LearningItemsService {
  constructor(
    private readonly items: LearningItemsRepository,
    private readonly audit: AuditService,
  ) {}

  list(filter: LearningItemFilter, page: PageQuery): Promise<Page<LearningItemDetail>> {
    return this.items.list(filter, page);
  }

  async find(id: string): Promise<LearningItemDetail> {
    const item = await this.items.findById(id);
    if (!item) throw new LearningItemNotFound(id);
    return item;
  }

  @Transactional()
  async create(actor: Actor, input: NewLearningItem): Promise<LearningItemDetail> {
    const skills = input.skills ?? [];
    await this.checkSkills(skills);
    await this.checkManages(actor, skills);
    const row = toRow(input);
    checkEvent(row);
    const id = await this.items.insert({ ...row, createdByUserId: actor.userId });
    await this.items.replaceSkills(id, skills);
    await this.audit.record(actor, {
      action: 'learning-item.created',
      entityType: 'learning-item',
      entityId: id,
      changedFields: [...FIELDS.filter((k) => input[k] !== undefined), ...(input.skills ? ['skills'] : [])],
    });
    return (await this.items.findById(id)) as LearningItemDetail;
  }

  /** Changes an item at the version the caller read (If-Match). `skills`, when given, replaces them all. */
  @Transactional()
  async update(actor: Actor, id: string, version: number, changes: LearningItemChanges): Promise<LearningItemDetail> {
    const current = await this.items.findById(id, true);
    if (!current) throw new LearningItemNotFound(id);
    await this.checkManages(actor, current.skills);
    const skills = changes.skills ?? current.skills.map((s) => ({ slug: s.slug, level: s.level }));
    if (changes.skills) {
      await this.checkSkills(changes.skills);
      await this.checkManages(actor, changes.skills);
    }
    const merged: NewLearningItem = { ...fromDetail(current), ...definedOnly(changes) };
    if (changes.inclusionPackage !== undefined && changes.countsTowardsInclusion === undefined) {
      merged.countsTowardsInclusion = changes.inclusionPackage !== null || current.countsTowardsInclusion;
    }
    const row = toRow(merged);
    checkEvent(row);
    const fields = changedItemFields(current, row, changes.skills ? skills : undefined);
    if (fields.length === 0) {
      if (current.version !== version) throw new PreconditionFailedError('learning item');
      return current;
    }
    if (!(await this.items.updateIfVersion(id, version, row))) throw new PreconditionFailedError('learning item');
    if (fields.includes('skills')) await this.items.replaceSkills(id, skills);
    const action =
      fields.length === 1 && fields[0] === 'active'
        ? row.active
          ? 'learning-item.reactivated'
          : 'learning-item.retired'
        : 'learning-item.updated';
    await this.audit.record(actor, { action, entityType: 'learning-item', entityId: id, changedFields: fields });
    return (await this.items.findById(id)) as LearningItemDetail;
  }

  /** Retires (active = false) or reactivates an item; items are never deleted. */
  setActive(actor: Actor, id: string, version: number, active: boolean): Promise<LearningItemDetail> {
    return this.update(actor, id, version, { active });
  }

  /** Each slug a skill of the current framework version, once; each level 1..4 and not above the skill's highest. */
  async checkSkills(skills: SkillTarget[]): Promise<void> {
    const seen = new Set<string>();
    for (const skill of skills) {
      if (seen.has(skill.slug)) {
        throw new ValidationFailedError([{ field: 'skills', message: `Skill "${skill.slug}" is listed twice` }]);
      }
      seen.add(skill.slug);
    }
    const known = await this.items.currentSkills([...new Set(skills.map((s) => s.slug))]);
    const unknown = [...new Set(skills.filter((s) => !known.has(s.slug)).map((s) => s.slug))];
    if (unknown.length > 0) throw new UnknownSkill(unknown);
    for (const skill of skills) {
      const highest = known.get(skill.slug)?.highestLevel ?? 4;
      if (skill.level > highest) throw new SkillLevelTooHigh(skill.slug, skill.level, highest);
    }
  }

  /** Whether the actor may manage an item developing `skills` (403 with the skills outside their families). */
  async checkManages(actor: Actor, skills: { slug: string }[]): Promise<void> {
    const scopes = scopesFor(actor, CATALOGUE_MANAGE_PERMISSION);
    if (scopes.includes('any')) return;
    if (!scopes.includes('profession')) {
      throw new ForbiddenError('Learning items are managed by HR, admins and heads of profession');
    }
    const slugs = [...new Set(skills.map((s) => s.slug))];
    if (slugs.length === 0) throw new LearningItemNotManageable([]);
    const outside = await this.items.skillsOutsideFamilies(slugs, actor.roleFamilies);
    if (outside.length > 0) throw new LearningItemNotManageable(outside);
  }
}

function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function fromDetail(item: LearningItemDetail): NewLearningItem {
  return {
    code: item.code,
    title: item.title,
    providerKind: item.providerKind,
    providerName: item.providerName,
    format: item.format,
    hours: item.hours,
    url: item.url,
    description: item.description,
    countsTowardsInclusion: item.countsTowardsInclusion,
    inclusionPackage: item.inclusionPackage,
    active: item.active,
    startsAt: item.startsAt ? new Date(item.startsAt).toISOString() : null,
    endsAt: item.endsAt ? new Date(item.endsAt).toISOString() : null,
    location: item.location,
  };
}

function toRow(input: NewLearningItem): LearningItemRow {
  return {
    code: input.code,
    title: input.title,
    providerKind: input.providerKind,
    providerName: input.providerName,
    format: input.format,
    hours: input.hours ?? null,
    url: input.url ?? null,
    description: input.description ?? null,
    countsTowardsInclusion: input.countsTowardsInclusion ?? (input.inclusionPackage ?? null) !== null,
    inclusionPackage: input.inclusionPackage ?? null,
    active: input.active ?? true,
    startsAt: input.startsAt ? new Date(input.startsAt) : null,
    endsAt: input.endsAt ? new Date(input.endsAt) : null,
    location: input.location ?? null,
  };
}

/** An event needs its dates (end not before start) and a location; any other format has none of them. */
export function eventProblem(row: Pick<LearningItemRow, 'format' | 'startsAt' | 'endsAt' | 'location'>): string | null {
  const has = [row.startsAt, row.endsAt, row.location].map((v) => v !== null && v !== undefined);
  if (row.format === 'event') {
    if (has.some((h) => !h)) return 'An event needs startsAt, endsAt and location';
    if ((row.endsAt as Date).getTime() < (row.startsAt as Date).getTime()) return 'endsAt must be on or after startsAt';
    return null;
  }
  return has.some((h) => h) ? 'Only an event has startsAt, endsAt and location' : null;
}

function checkEvent(row: LearningItemRow): void {
  const problem = eventProblem(row);
  if (problem) throw new EventFieldsInvalid(problem);
}

function changedItemFields(current: LearningItemDetail, row: LearningItemRow, skills?: SkillTarget[]): string[] {
  const same = (a: unknown, b: unknown): boolean =>
    a instanceof Date || b instanceof Date
      ? (a ? new Date(a as Date).getTime() : null) === (b ? new Date(b as Date).getTime() : null)
      : a === b;
  const fields: string[] = (Object.keys(row) as (keyof LearningItemRow)[]).filter(
    (k) => !same(row[k], (current as unknown as Record<string, unknown>)[k]),
  );
  if (skills) {
    const key = (list: { slug: string; level: number }[]): string =>
      [...list]
        .sort((a, b) => a.slug.localeCompare(b.slug))
        .map((s) => `${s.slug}:${s.level}`)
        .join(';');
    if (key(skills) !== key(current.skills)) fields.push('skills');
  }
  return fields;
}
