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
import type { ActionKind, ActionPlanAction, ActionStatus } from './action-plan-action.entity.js';
import type { ActionPlanPriority, TargetKind } from './action-plan-priority.entity.js';
import type { ActionPlan } from './action-plan.entity.js';
import {
  ActionPlanInvalid,
  ActionPlanNotFound,
  ActionPlanPartNotFound,
  IllegalPlanMove,
  PlanManagementNotAllowed,
} from './action-plan.errors.js';
import { ActionPlansRepository, type ActionPatch, type PlanFilter, type PlanPatch } from './action-plans.repository.js';
import { PlanPermission } from './plan-permissions.js';
import { expectedNow, share } from './plan-progress.js';

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

export interface NewAction {
  kind: ActionKind;
  learningItemId?: string | null;
  description: string;
  owner: string;
  dueOn: string;
}

export interface ActionChanges {
  description?: string;
  owner?: string;
  dueOn?: string;
  status?: ActionStatus;
}

export interface PriorityDetail {
  priority: ActionPlanPriority;
  actions: ActionPlanAction[];
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
  /** Verified completions (since the plan's start) of the priority's learning actions' items. */
  learningCompletions: number;
  note: string | null;
}

export interface PlanProgress {
  plan: ActionPlan;
  measuredOn: string;
  priorities: PriorityProgress[];
}

const HIRES_NOTE = 'Hires are counted once recruitment exists; until then the figure is 0.';

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

  @Transactional()
  async addAction(actor: Actor, planId: string, priorityId: string, input: NewAction): Promise<ActionPlanAction> {
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
    if (problems.length > 0) throw new ActionPlanInvalid(problems);
    const id = await this.plans.insertAction({
      priorityId,
      kind: input.kind,
      learningItemId: input.kind === 'learning' ? (input.learningItemId ?? null) : null,
      description: input.description,
      owner: input.owner,
      dueOn: input.dueOn,
    });
    await this.audit.record(actor, {
      action: 'action-plan.action-added',
      entityType: 'action-plan-action',
      entityId: id,
      changedFields: Object.keys(input),
    });
    return (await this.plans.action(planId, id)) as ActionPlanAction;
  }

  @Transactional()
  async updateAction(
    actor: Actor,
    planId: string,
    actionId: string,
    version: number,
    changes: ActionChanges,
  ): Promise<ActionPlanAction> {
    const plan = await this.managed(actor, planId);
    if (plan.status === 'closed') throw new IllegalPlanMove(plan.status, 'edited');
    const action = await this.plans.action(planId, actionId);
    if (!action) throw new ActionPlanPartNotFound('action', actionId);
    if (action.version !== version) throw new PreconditionFailedError('action');
    const patch: ActionPatch = {
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.owner !== undefined ? { owner: changes.owner } : {}),
      ...(changes.dueOn !== undefined ? { dueOn: changes.dueOn } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
    };
    const updated = await this.plans.updateActionIfVersion(actionId, version, patch);
    if (!updated) throw new PreconditionFailedError('action');
    await this.audit.record(actor, {
      action: 'action-plan.action-updated',
      entityType: 'action-plan-action',
      entityId: actionId,
      changedFields: Object.keys(patch),
    });
    return (await this.plans.action(planId, actionId)) as ActionPlanAction;
  }

  /** Each priority measured from the data now, against its baseline and target (see `plan-progress.ts`). */
  async progress(actor: Actor, id: string): Promise<PlanProgress> {
    const plan = await this.visible(actor, id, PlanPermission.Read, false);
    const measuredOn = today();
    const priorities: PriorityProgress[] = [];
    for (const priority of await this.plans.priorityList(plan.id)) {
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
        learningCompletions: await this.plans.completions(priority.id, plan.startsOn),
        note: priority.targetKind === 'hires' ? HIRES_NOTE : null,
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
    const actions = await this.plans.actionList(priorities.map((p) => p.id));
    return {
      plan,
      priorities: priorities.map((priority) => ({
        priority,
        actions: actions.filter((a) => a.priorityId === priority.id),
      })),
    };
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
