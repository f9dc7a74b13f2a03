import {
  AuditService,
  PreconditionFailedError,
  scopesFor,
  Transactional,
  type Actor,
  type Page,
  type PageQuery,
} from '@capability/platform';
import { today } from '@capability/workforce';
import { Injectable } from '@nestjs/common';
import type { ActionAudience, ActionKind, ActionPlanAction, ActionStatus } from './action-plan-action.entity.js';
import type { ActionPlanPriority, TargetKind } from './action-plan-priority.entity.js';
import type { ActionPlan } from './action-plan.entity.js';
import {
  ActionPlanInvalid,
  ActionPlanNotFound,
  ActionPlanPartNotFound,
  IllegalPlanMove,
  PlanManagementNotAllowed,
} from './action-plan.errors.js';
import {
  ActionPlansRepository,
  type ActionPatch,
  type PlanFilter,
  type PlanPatch,
  type PlanScope,
} from './action-plans.repository.js';
import { PlanPermission } from './plan-permissions.js';
import { expectedNow, MIN_GROUP, share } from './plan-progress.js';

type Problem = { field: string; message: string };

export interface NewActionPlan {
  title: string;
  unitId?: string | null;
  roleFamilySlug?: string | null;
  /** Defaults to the acting user. */
  ownerUserId?: string | null;
  startsOn: string;
  endsOn: string;
}

export type ActionPlanChanges = Partial<Pick<NewActionPlan, 'title' | 'startsOn' | 'endsOn'>> & {
  ownerUserId?: string;
};

export interface NewPriority {
  targetKind: TargetKind;
  skillSlug?: string | null;
  roleLevelSlug?: string | null;
  targetValue: number;
  dueOn: string;
}

/** A group of people: a unit and its subtree, optionally narrowed to one role level (current primary role). */
export interface ActionGroup {
  unitId: string;
  roleLevelSlug?: string | null;
}

export interface ActionPair {
  mentorStaffId: string;
  menteeStaffId: string;
}

/** The most people a learning action names, and the most pairs a shadowing action has. */
export const MAX_ACTION_PEOPLE = 500;
export const MAX_ACTION_PAIRS = 200;

export interface NewAction {
  kind: ActionKind;
  learningItemId?: string | null;
  /** learning only: the people it is for (else a group, else everyone the plan covers). */
  staffIds?: string[] | null;
  /** learning only: a group it is for (not with staffIds). */
  group?: ActionGroup | null;
  /** shadowing only: mentor and mentee pairs. */
  pairs?: ActionPair[] | null;
  description: string;
  owner: string;
  dueOn: string;
}

/**
 * `staffIds`, when given, replaces the people named (and, when it names any, drops the group); `group`, when given,
 * replaces the group (and drops the people named; null: no group); `pairs`, when given, replaces the pairs.
 */
export interface ActionChanges {
  description?: string;
  owner?: string;
  dueOn?: string;
  status?: ActionStatus;
  staffIds?: string[] | null;
  group?: ActionGroup | null;
  pairs?: ActionPair[] | null;
}

export interface PersonRef {
  id: string;
  name: string;
}

/** An action with the people it names, its group and its pairs. */
export interface ActionDetail {
  action: ActionPlanAction;
  /** learning only: whom it is for; null for the other kinds. */
  audience: ActionAudience | null;
  people: PersonRef[];
  group: { unitId: string; unitName: string; roleLevelSlug: string | null } | null;
  pairs: { mentor: PersonRef; mentee: PersonRef }[];
}

export interface PriorityDetail {
  priority: ActionPlanPriority;
  actions: ActionDetail[];
}

export interface PlanDetail {
  plan: ActionPlan;
  priorities: PriorityDetail[];
}

/** One priority's figures now, at the plan's start, and whether it is on track (see `plan-progress.ts`). */
export interface PriorityProgress {
  priority: ActionPlanPriority;
  /** People counted now (null for hires and when suppressed). */
  people: number | null;
  suppressed: boolean;
  now: number | null;
  baseline: number | null;
  target: number;
  expectedNow: number | null;
  onTrack: boolean | null;
  /**
   * The people of the priority's learning actions with a verified completion of the action's item since the plan's
   * start, each person and item once; actions of fewer than 5 people left out (their figures are suppressed).
   */
  learningCompletions: number;
  note: string | null;
  actions: ActionProgress[];
}

/** An action's figures: a learning action's people and completions (suppressed under 5), a shadowing one's pairs. */
export interface ActionProgress {
  action: ActionPlanAction;
  audience: ActionAudience | null;
  /** learning: the people now (null when suppressed); null for the other kinds. */
  people: number | null;
  /** learning: how many of them have a verified completion of the item since the plan's start (null: suppressed). */
  completed: number | null;
  suppressed: boolean;
  /** shadowing: the number of pairs; null for the other kinds. */
  pairs: number | null;
}

export interface PlanProgress {
  plan: ActionPlan;
  measuredOn: string;
  priorities: PriorityProgress[];
}

const HIRES_NOTE = 'Hires are counted once recruitment exists; until then the figure is 0.';

/** An action's figures from its reach (learning) or pair count (shadowing); under 5 people suppressed. */
function actionProgress(
  detail: ActionDetail,
  reach: { people: number; completed: number } | undefined,
  pairs: number | undefined,
): ActionProgress {
  const base = {
    action: detail.action,
    audience: detail.audience,
    people: null,
    completed: null,
    suppressed: false,
    pairs: null,
  };
  if (detail.action.kind === 'shadowing') return { ...base, pairs: pairs ?? 0 };
  if (detail.action.kind !== 'learning') return base;
  const people = reach?.people ?? 0;
  return people < MIN_GROUP ? { ...base, suppressed: true } : { ...base, people, completed: reach?.completed ?? 0 };
}

/**
 * Capability action plans. HR and admins read and manage every plan; a head of profession the plans of the
 * role families they lead (family plans only: a unit plan spans families, so it is HR's or its owner's); anyone
 * the plans they own. A plan out of reach is a 404. Creating a plan needs HR, an admin, or a head of profession
 * for one of their families. Every write is audited.
 */
@Injectable()
export class ActionPlansService {
  constructor(
    private readonly plans: ActionPlansRepository,
    private readonly audit: AuditService,
  ) {}

  @Transactional()
  async create(actor: Actor, input: NewActionPlan): Promise<PlanDetail> {
    const scopes = scopesFor(actor, PlanPermission.Manage);
    const family = input.roleFamilySlug ?? null;
    const may =
      scopes.includes('any') ||
      (scopes.includes('profession') && family !== null && actor.roleFamilies.includes(family));
    if (!may) {
      throw new PlanManagementNotAllowed(
        'HR, an admin, or a head of profession (for a role family they lead) creates action plans',
      );
    }
    const problems: Problem[] = [];
    if (((input.unitId ?? null) === null) === (family === null)) {
      problems.push({
        field: 'unitId',
        message: 'a plan is for an organisation unit (unitId) or a role family, not both',
      });
    } else if (input.unitId && !(await this.plans.unitExists(input.unitId))) {
      problems.push({ field: 'unitId', message: 'no such organisation unit' });
    } else if (family && !(await this.plans.currentFamily(family))) {
      problems.push({ field: 'roleFamilySlug', message: `no role family "${family}" in the current framework` });
    }
    const owner = input.ownerUserId ?? actor.userId;
    if (!(await this.plans.userExists(owner))) problems.push({ field: 'ownerUserId', message: 'no such user' });
    if (input.endsOn <= input.startsOn) problems.push({ field: 'endsOn', message: 'must be after startsOn' });
    if (problems.length > 0) throw new ActionPlanInvalid(problems);

    const id = await this.plans.insertPlan({
      title: input.title,
      unitId: input.unitId ?? null,
      roleFamilySlug: family,
      ownerUserId: owner,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      createdByUserId: actor.userId,
    });
    await this.audit.record(actor, {
      action: 'action-plan.created',
      entityType: 'action-plan',
      entityId: id,
      changedFields: Object.keys(input).filter((k) => input[k as keyof NewActionPlan] !== undefined),
    });
    return this.get(actor, id);
  }

  list(actor: Actor, filter: PlanFilter, page: PageQuery): Promise<Page<ActionPlan>> {
    return this.plans.list(filter, (values) => this.scopeSql(actor, PlanPermission.Read, values), page);
  }

  async get(actor: Actor, id: string): Promise<PlanDetail> {
    const plan = await this.visible(actor, id, PlanPermission.Read, false);
    return this.detail(plan);
  }

  @Transactional()
  async update(actor: Actor, id: string, version: number, changes: ActionPlanChanges): Promise<PlanDetail> {
    const plan = await this.managed(actor, id);
    if (plan.version !== version) throw new PreconditionFailedError('action plan');
    if (plan.status === 'closed') throw new IllegalPlanMove(plan.status, 'edited');
    const problems: Problem[] = [];
    const startsOn = changes.startsOn ?? plan.startsOn;
    const endsOn = changes.endsOn ?? plan.endsOn;
    if (endsOn <= startsOn) problems.push({ field: 'endsOn', message: 'must be after startsOn' });
    if (changes.startsOn !== undefined && plan.status !== 'draft' && changes.startsOn !== plan.startsOn) {
      problems.push({ field: 'startsOn', message: 'an active plan keeps its start (its baselines were taken then)' });
    }
    if (changes.ownerUserId !== undefined && !(await this.plans.userExists(changes.ownerUserId))) {
      problems.push({ field: 'ownerUserId', message: 'no such user' });
    }
    if (problems.length > 0) throw new ActionPlanInvalid(problems);
    const patch: PlanPatch = {
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.startsOn !== undefined ? { startsOn: changes.startsOn } : {}),
      ...(changes.endsOn !== undefined ? { endsOn: changes.endsOn } : {}),
      ...(changes.ownerUserId !== undefined ? { ownerUserId: changes.ownerUserId } : {}),
    };
    await this.savePlan(actor, plan, version, patch, 'updated', Object.keys(patch));
    return this.get(actor, id);
  }

  /** Draft → active: each priority's baseline is the figure now. */
  @Transactional()
  async activate(actor: Actor, id: string): Promise<PlanDetail> {
    const plan = await this.managed(actor, id);
    if (plan.status !== 'draft') throw new IllegalPlanMove(plan.status, 'activated');
    const at = new Date();
    for (const priority of await this.plans.priorityList(plan.id)) {
      await this.plans.setBaseline(priority.id, await this.baselineOf(plan, priority), at);
    }
    await this.savePlan(actor, plan, plan.version, { status: 'active', activatedAt: at }, 'activated', [
      'status',
      'activatedAt',
    ]);
    return this.get(actor, id);
  }

  @Transactional()
  async close(actor: Actor, id: string): Promise<PlanDetail> {
    const plan = await this.managed(actor, id);
    if (plan.status !== 'active') throw new IllegalPlanMove(plan.status, 'closed');
    await this.savePlan(actor, plan, plan.version, { status: 'closed', closedAt: new Date() }, 'closed', [
      'status',
      'closedAt',
    ]);
    return this.get(actor, id);
  }

  /**
   * A priority, e.g. raised straight from a gap: a skill (and optionally a role level) of the current framework.
   * Added to an active plan, its baseline is the figure now.
   */
  @Transactional()
  async addPriority(actor: Actor, planId: string, input: NewPriority): Promise<PriorityDetail> {
    const plan = await this.managed(actor, planId);
    if (plan.status === 'closed') throw new IllegalPlanMove(plan.status, 'given new priorities');
    const problems: Problem[] = [];
    const skill = input.skillSlug ?? null;
    const level = input.roleLevelSlug ?? null;
    if (input.targetKind === 'skill-met-share') {
      if (!skill) problems.push({ field: 'skillSlug', message: 'a skill-met-share target names a skill' });
      else if (!(await this.plans.currentSkill(skill))) {
        problems.push({
          field: 'skillSlug',
          message: `unknown skill "${skill}": not a skill of the current framework`,
        });
      }
    } else if (skill) {
      problems.push({ field: 'skillSlug', message: 'only a skill-met-share target names a skill' });
    }
    if (input.targetKind === 'hires' && !level) {
      problems.push({ field: 'roleLevelSlug', message: 'hires are counted against a role level' });
    }
    if (level) {
      const family = await this.plans.currentRoleLevelFamily(level);
      if (!family) {
        problems.push({ field: 'roleLevelSlug', message: `unknown role level "${level}" in the current framework` });
      } else if (plan.roleFamilySlug && family !== plan.roleFamilySlug) {
        problems.push({ field: 'roleLevelSlug', message: `not a role level of the family "${plan.roleFamilySlug}"` });
      }
    }
    if (input.targetKind !== 'hires' && input.targetValue > 100) {
      problems.push({ field: 'targetValue', message: 'a share is a percentage: 0 to 100' });
    }
    if (input.dueOn < plan.startsOn || input.dueOn > plan.endsOn) {
      problems.push({
        field: 'dueOn',
        message: `must be within the plan's period (${plan.startsOn} to ${plan.endsOn})`,
      });
    }
    if (problems.length > 0) throw new ActionPlanInvalid(problems);

    const row = {
      planId,
      targetKind: input.targetKind,
      skillSlug: skill,
      roleLevelSlug: level,
      targetValue: String(input.targetValue),
      dueOn: input.dueOn,
      baselineValue: null as string | null,
      baselineAt: null as Date | null,
    };
    const id = await this.plans.insertPriority(row);
    if (plan.status === 'active') {
      const priority = await this.plans.priority(planId, id);
      if (priority) await this.plans.setBaseline(id, await this.baselineOf(plan, priority), new Date());
    }
    await this.audit.record(actor, {
      action: 'action-plan.priority-added',
      entityType: 'action-plan',
      entityId: planId,
      changedFields: ['priorities'],
    });
    const priority = await this.plans.priority(planId, id);
    return { priority: priority as ActionPlanPriority, actions: [] };
  }

  /**
   * An action under a priority. A learning action names a catalogue item and is for named people, a group or
   * everyone the plan covers; a shadowing action has mentor and mentee pairs. Who is named must be an active member of
   * staff the plan covers (a mentor: any active member of staff), or nothing is saved (422 naming the ids).
   */
  @Transactional()
  async addAction(actor: Actor, planId: string, priorityId: string, input: NewAction): Promise<ActionDetail> {
    const plan = await this.managed(actor, planId);
    if (plan.status === 'closed') throw new IllegalPlanMove(plan.status, 'given new actions');
    const priority = await this.plans.priority(planId, priorityId);
    if (!priority) throw new ActionPlanPartNotFound('priority', priorityId);
    const problems: Problem[] = [];
    if (input.kind === 'learning') {
      if (!input.learningItemId) {
        problems.push({ field: 'learningItemId', message: 'a learning action names a catalogue item' });
      } else if (!(await this.plans.learningItemExists(input.learningItemId))) {
        problems.push({ field: 'learningItemId', message: 'no such catalogue item' });
      }
    } else if (input.learningItemId) {
      problems.push({ field: 'learningItemId', message: 'only a learning action names a catalogue item' });
    }
    const staffIds = input.staffIds ?? [];
    const group = input.group ?? null;
    const pairs = input.pairs ?? [];
    problems.push(...(await this.audienceProblems(plan, input.kind, staffIds, group, pairs)));
    if (problems.length > 0) throw new ActionPlanInvalid(problems);
    const id = await this.plans.insertAction({
      priorityId,
      kind: input.kind,
      learningItemId: input.kind === 'learning' ? (input.learningItemId ?? null) : null,
      groupUnitId: group?.unitId ?? null,
      groupRoleLevelSlug: group?.roleLevelSlug ?? null,
      description: input.description,
      owner: input.owner,
      dueOn: input.dueOn,
    });
    await this.plans.replacePeople(id, staffIds);
    await this.plans.replacePairs(id, pairs);
    await this.audit.record(actor, {
      action: 'action-plan.action-added',
      entityType: 'action-plan-action',
      entityId: id,
      changedFields: Object.keys(input).filter((k) => input[k as keyof NewAction] !== undefined),
    });
    return this.actionDetail(planId, id);
  }

  @Transactional()
  async updateAction(
    actor: Actor,
    planId: string,
    actionId: string,
    version: number,
    changes: ActionChanges,
  ): Promise<ActionDetail> {
    const plan = await this.managed(actor, planId);
    if (plan.status === 'closed') throw new IllegalPlanMove(plan.status, 'edited');
    const action = await this.plans.action(planId, actionId);
    if (!action) throw new ActionPlanPartNotFound('action', actionId);
    if (action.version !== version) throw new PreconditionFailedError('action');
    const givenPeople = changes.staffIds !== undefined;
    const givenGroup = changes.group !== undefined;
    const staffIds = changes.staffIds ?? [];
    const group = changes.group ?? null;
    const pairs = changes.pairs ?? [];
    const problems = await this.audienceProblems(plan, action.kind, staffIds, group, pairs);
    if (problems.length > 0) throw new ActionPlanInvalid(problems);
    // Named people and a group exclude each other: giving one replaces the other.
    const clearsGroup = givenPeople && staffIds.length > 0;
    const clearsPeople = givenGroup && group !== null;
    const patch: ActionPatch = {
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.owner !== undefined ? { owner: changes.owner } : {}),
      ...(changes.dueOn !== undefined ? { dueOn: changes.dueOn } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(givenGroup || clearsGroup
        ? { groupUnitId: group?.unitId ?? null, groupRoleLevelSlug: group?.roleLevelSlug ?? null }
        : {}),
    };
    const updated = await this.plans.updateActionIfVersion(actionId, version, patch);
    if (!updated) throw new PreconditionFailedError('action');
    if (givenPeople || clearsPeople) await this.plans.replacePeople(actionId, staffIds);
    if (changes.pairs !== undefined) await this.plans.replacePairs(actionId, pairs);
    await this.audit.record(actor, {
      action: 'action-plan.action-updated',
      entityType: 'action-plan-action',
      entityId: actionId,
      changedFields: [
        ...Object.keys(patch).filter((k) => k !== 'groupUnitId' && k !== 'groupRoleLevelSlug'),
        ...(givenGroup || clearsGroup ? ['group'] : []),
        ...(givenPeople || clearsPeople ? ['staffIds'] : []),
        ...(changes.pairs !== undefined ? ['pairs'] : []),
      ],
    });
    return this.actionDetail(planId, actionId);
  }

  /**
   * What is wrong with whom an action is for. Only a learning action names people or a group (not both); only a
   * shadowing action has pairs. The people named, a group's active members and mentees must be active members of
   * staff the plan covers; a group's unit lies within a unit plan's, its role level is of the current framework (and
   * a family plan's family); mentors are active members of staff, never their own mentee, each pair once.
   */
  private async audienceProblems(
    plan: ActionPlan,
    kind: ActionKind,
    staffIds: string[],
    group: ActionGroup | null,
    pairs: ActionPair[],
  ): Promise<Problem[]> {
    const problems: Problem[] = [];
    const scope: PlanScope = { unitId: plan.unitId, roleFamilySlug: plan.roleFamilySlug };
    if (kind !== 'learning' && staffIds.length > 0) {
      problems.push({ field: 'staffIds', message: 'only a learning action names people' });
    }
    if (kind !== 'learning' && group) {
      problems.push({ field: 'group', message: 'only a learning action is for a group' });
    }
    if (kind !== 'shadowing' && pairs.length > 0) {
      problems.push({ field: 'pairs', message: 'only a shadowing action has mentoring pairs' });
    }
    if (problems.length > 0) return problems;
    if (staffIds.length > 0 && group) {
      problems.push({ field: 'group', message: 'an action is for named people (staffIds) or a group, not both' });
    }
    if (staffIds.length > MAX_ACTION_PEOPLE) {
      problems.push({ field: 'staffIds', message: `at most ${MAX_ACTION_PEOPLE} people` });
    } else if (new Set(staffIds).size !== staffIds.length) {
      problems.push({ field: 'staffIds', message: 'each person once' });
    } else {
      const outside = await this.plans.notCovered(scope, staffIds);
      if (outside.length > 0) {
        problems.push({
          field: 'staffIds',
          message: `not active members of staff the plan covers: ${outside.join(', ')}`,
        });
      }
    }
    if (group) problems.push(...(await this.groupProblems(plan, scope, group)));
    if (pairs.length > MAX_ACTION_PAIRS) {
      problems.push({ field: 'pairs', message: `at most ${MAX_ACTION_PAIRS} pairs` });
      return problems;
    }
    const seen = new Set<string>();
    pairs.forEach((p, i) => {
      const key = `${p.mentorStaffId}/${p.menteeStaffId}`;
      if (p.mentorStaffId === p.menteeStaffId) {
        problems.push({ field: `pairs.${i}`, message: 'a mentor and their mentee are different people' });
      } else if (seen.has(key)) {
        problems.push({ field: `pairs.${i}`, message: 'each pair once' });
      }
      seen.add(key);
    });
    const mentees = [...new Set(pairs.map((p) => p.menteeStaffId))];
    const outside = await this.plans.notCovered(scope, mentees);
    if (outside.length > 0) {
      problems.push({
        field: 'pairs',
        message: `mentees not active members of staff the plan covers: ${outside.join(', ')}`,
      });
    }
    const inactive = await this.plans.notActive([...new Set(pairs.map((p) => p.mentorStaffId))]);
    if (inactive.length > 0) {
      problems.push({ field: 'pairs', message: `mentors not active members of staff: ${inactive.join(', ')}` });
    }
    return problems;
  }

  private async groupProblems(plan: ActionPlan, scope: PlanScope, group: ActionGroup): Promise<Problem[]> {
    const problems: Problem[] = [];
    const level = group.roleLevelSlug ?? null;
    if (!(await this.plans.unitExists(group.unitId))) {
      problems.push({ field: 'group.unitId', message: 'no such organisation unit' });
    } else if (plan.unitId && !(await this.plans.unitWithin(group.unitId, plan.unitId))) {
      problems.push({ field: 'group.unitId', message: "not within the plan's organisation unit" });
    }
    if (level) {
      const family = await this.plans.currentRoleLevelFamily(level);
      if (!family) {
        problems.push({
          field: 'group.roleLevelSlug',
          message: `unknown role level "${level}" in the current framework`,
        });
      } else if (plan.roleFamilySlug && family !== plan.roleFamilySlug) {
        problems.push({
          field: 'group.roleLevelSlug',
          message: `not a role level of the family "${plan.roleFamilySlug}"`,
        });
      }
    }
    // A group means its members whom the plan covers: in a family plan, the unit's people of that family. It is never
    // refused for members outside the plan (that answer would list people the plan's managers cannot see).
    return problems;
  }

  /** Each priority measured from the data now, against its baseline and target (see `plan-progress.ts`). */
  async progress(actor: Actor, id: string): Promise<PlanProgress> {
    const plan = await this.visible(actor, id, PlanPermission.Read, false);
    const measuredOn = today();
    const scope: PlanScope = { unitId: plan.unitId, roleFamilySlug: plan.roleFamilySlug };
    const list = await this.plans.priorityList(plan.id);
    const actions = await this.plans.actionList(list.map((p) => p.id));
    const details = await this.actionDetails(actions);
    const reach = new Map((await this.plans.actionReach(plan.id, scope, plan.startsOn)).map((r) => [r.actionId, r]));
    const completions = await this.plans.priorityCompletions(plan.id, scope, plan.startsOn, MIN_GROUP);
    const pairs = await this.plans.pairCounts(plan.id);
    const priorities: PriorityProgress[] = [];
    for (const priority of list) {
      const measured = await this.measure(plan, priority);
      const target = Number(priority.targetValue);
      const baseline = priority.baselineValue === null ? null : Number(priority.baselineValue);
      const expected =
        baseline === null ? null : expectedNow(baseline, target, plan.startsOn, priority.dueOn, measuredOn);
      priorities.push({
        priority,
        people: measured.people,
        suppressed: measured.suppressed,
        now: measured.value,
        baseline,
        target,
        expectedNow: expected,
        onTrack: expected === null || measured.value === null ? null : measured.value >= expected,
        learningCompletions: completions.get(priority.id) ?? 0,
        note: priority.targetKind === 'hires' ? HIRES_NOTE : null,
        actions: details
          .filter((d) => d.action.priorityId === priority.id)
          .map((d) => actionProgress(d, reach.get(d.action.id), pairs.get(d.action.id))),
      });
    }
    return { plan, measuredOn, priorities };
  }

  private async measure(
    plan: ActionPlan,
    priority: ActionPlanPriority,
  ): Promise<{ people: number | null; suppressed: boolean; value: number | null }> {
    const scope = { unitId: plan.unitId, roleFamilySlug: plan.roleFamilySlug, roleLevelSlug: priority.roleLevelSlug };
    if (priority.targetKind === 'hires') return { people: null, suppressed: false, value: 0 };
    const m =
      priority.targetKind === 'skill-met-share'
        ? await this.plans.skillMet(scope, priority.skillSlug ?? '')
        : await this.plans.inclusion(scope);
    const value = share(m.people, m.meeting);
    return value === null
      ? { people: null, suppressed: true, value: null }
      : { people: m.people, suppressed: false, value };
  }

  private async baselineOf(plan: ActionPlan, priority: ActionPlanPriority): Promise<string | null> {
    const { value } = await this.measure(plan, priority);
    return value === null ? null : String(value);
  }

  private async detail(plan: ActionPlan): Promise<PlanDetail> {
    const priorities = await this.plans.priorityList(plan.id);
    const actions = await this.actionDetails(await this.plans.actionList(priorities.map((p) => p.id)));
    return {
      plan,
      priorities: priorities.map((priority) => ({
        priority,
        actions: actions.filter((a) => a.action.priorityId === priority.id),
      })),
    };
  }

  private async actionDetail(planId: string, actionId: string): Promise<ActionDetail> {
    const [detail] = await this.actionDetails([(await this.plans.action(planId, actionId)) as ActionPlanAction]);
    return detail as ActionDetail;
  }

  /** The actions with the people they name, their groups (with the unit's name) and their pairs. */
  private async actionDetails(actions: ActionPlanAction[]): Promise<ActionDetail[]> {
    const ids = actions.map((a) => a.id);
    const people = await this.plans.people(ids);
    const pairs = await this.plans.pairs(ids);
    const units = await this.plans.unitNames([
      ...new Set(actions.flatMap((a) => (a.groupUnitId ? [a.groupUnitId] : []))),
    ]);
    return actions.map((action) => {
      const named = people.filter((p) => p.actionId === action.id).map((p) => ({ id: p.staffId, name: p.fullName }));
      const group = action.groupUnitId
        ? {
            unitId: action.groupUnitId,
            unitName: units.get(action.groupUnitId) ?? '',
            roleLevelSlug: action.groupRoleLevelSlug,
          }
        : null;
      return {
        action,
        audience: action.kind !== 'learning' ? null : named.length > 0 ? 'people' : group ? 'group' : 'everyone',
        people: named,
        group,
        pairs: pairs
          .filter((p) => p.actionId === action.id)
          .map((p) => ({
            mentor: { id: p.mentorStaffId, name: p.mentorName },
            mentee: { id: p.menteeStaffId, name: p.menteeName },
          })),
      };
    });
  }

  /** SQL over `p` admitting the plans the actor's scopes of `permission` reach. */
  private scopeSql(actor: Actor, permission: string, values: unknown[]): string {
    const scopes = scopesFor(actor, permission);
    if (scopes.includes('any')) return 'TRUE';
    const parts: string[] = [];
    if (scopes.includes('own')) {
      values.push(actor.userId);
      parts.push(`p.owner_user_id = $${values.length}::uuid`);
    }
    if (scopes.includes('profession') && actor.roleFamilies.length > 0) {
      values.push([...actor.roleFamilies]);
      parts.push(`p.role_family_slug = ANY($${values.length}::text[])`);
    }
    return parts.length > 0 ? `(${parts.join(' OR ')})` : 'FALSE';
  }

  private async visible(actor: Actor, id: string, permission: string, lock: boolean): Promise<ActionPlan> {
    const values: unknown[] = [id];
    const condition = this.scopeSql(actor, permission, values);
    const plan = await this.plans.find(id, condition, values.slice(1), lock);
    if (!plan) throw new ActionPlanNotFound(id);
    return plan;
  }

  /** The plan, locked, when the actor may manage it: 404 out of sight, 403 when only readable. */
  private async managed(actor: Actor, id: string): Promise<ActionPlan> {
    const values: unknown[] = [id];
    const plan = await this.plans.find(id, this.scopeSql(actor, PlanPermission.Manage, values), values.slice(1), true);
    if (plan) return plan;
    await this.visible(actor, id, PlanPermission.Read, false);
    throw new PlanManagementNotAllowed(
      "Only the plan's owner, a head of profession of its family, HR or an admin manages it",
    );
  }

  private async savePlan(
    actor: Actor,
    plan: ActionPlan,
    version: number,
    patch: PlanPatch,
    action: string,
    fields: string[],
  ): Promise<void> {
    const updated = await this.plans.updatePlanIfVersion(plan.id, version, patch);
    if (!updated) throw new PreconditionFailedError('action plan');
    await this.audit.record(actor, {
      action: `action-plan.${action}`,
      entityType: 'action-plan',
      entityId: plan.id,
      changedFields: fields,
    });
  }
}
