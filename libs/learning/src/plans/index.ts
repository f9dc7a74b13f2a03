export { ActionPlanActionPair } from './action-plan-action-pair.entity.js';
export { ActionPlanActionPerson } from './action-plan-action-person.entity.js';
export {
  ACTION_AUDIENCES,
  ACTION_KINDS,
  ACTION_STATUSES,
  ActionPlanAction,
  type ActionAudience,
  type ActionKind,
  type ActionStatus,
} from './action-plan-action.entity.js';
export { ActionPlanPriority, TARGET_KINDS, type TargetKind } from './action-plan-priority.entity.js';
export { ActionPlan, PLAN_STATUSES, type PlanStatus } from './action-plan.entity.js';
export {
  ActionPlanInvalid,
  ActionPlanNotFound,
  ActionPlanPartNotFound,
  IllegalPlanMove,
  PlanManagementNotAllowed,
} from './action-plan.errors.js';
export { ActionPlansDemoSeeder } from './action-plans-demo.seeder.js';
export { type PlanFilter } from './action-plans.repository.js';
export {
  ActionPlansService,
  MAX_ACTION_PAIRS,
  MAX_ACTION_PEOPLE,
  type ActionChanges,
  type ActionDetail,
  type ActionGroup,
  type ActionPair,
  type ActionPlanChanges,
  type ActionProgress,
  type NewAction,
  type NewActionPlan,
  type NewPriority,
  type PersonRef,
  type PlanDetail,
  type PlanProgress,
  type PriorityDetail,
  type PriorityProgress,
} from './action-plans.service.js';
export { PlanPermission } from './plan-permissions.js';
export { MIN_GROUP, expectedNow, share } from './plan-progress.js';
export { PLANS_ENTITIES, PLANS_PROVIDERS, PLANS_SERVICES } from './plans.providers.js';
