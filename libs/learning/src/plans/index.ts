export {
  ACTION_KINDS,
  ACTION_STATUSES,
  ActionPlanAction,
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
  type ActionChanges,
  type ActionPlanChanges,
  type NewAction,
  type NewActionPlan,
  type NewPriority,
  type PlanDetail,
  type PlanProgress,
  type PriorityDetail,
  type PriorityProgress,
} from './action-plans.service.js';
export { PlanPermission } from './plan-permissions.js';
export { MIN_GROUP, expectedNow, share } from './plan-progress.js';
export { PLANS_ENTITIES, PLANS_PROVIDERS, PLANS_SERVICES } from './plans.providers.js';
