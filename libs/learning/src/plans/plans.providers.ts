import { registerConstraintMessages } from '@capability/platform';
import type { Provider, Type } from '@nestjs/common';
import { ActionPlanAction } from './action-plan-action.entity.js';
import { ActionPlanPriority } from './action-plan-priority.entity.js';
import { ActionPlan } from './action-plan.entity.js';
import { ActionPlansDemoSeeder } from './action-plans-demo.seeder.js';
import { ActionPlansRepository } from './action-plans.repository.js';
import { ActionPlansService } from './action-plans.service.js';

/**
 * Capability action plans: a unit's or a role family's priorities with measured targets, the actions under them,
 * and progress measured from the data. Entities, providers and services, gathered here for LearningModule.
 *
 * Tables:
 * - `action_plans`: title; unit_id (the unit and its subtree) or role_family_slug (exactly one); owner_user_id;
 *   starts_on < ends_on; status draft → active (activated_at) → closed (closed_at); version (If-Match).
 * - `action_plan_priorities`: plan_id; target_kind skill-met-share (skill_slug) | inclusion-share | hires
 *   (role_level_slug); role_level_slug narrows the people; target_value (0–100 for shares); due_on within the
 *   plan's period; baseline_value/at (the figure at activation; null when suppressed or still a draft).
 * - `action_plan_actions`: priority_id; kind learning (learning_item_id) | shadowing | campaign | text;
 *   description; owner (free text); due_on; status open | done; version (If-Match).
 */
export const PLANS_ENTITIES: Type[] = [ActionPlan, ActionPlanPriority, ActionPlanAction];
export const PLANS_SERVICES: Type[] = [ActionPlansService];
/** The demo department's two active plans (a demo seeder: `npm start` on the embedded database only). */
export const PLANS_PROVIDERS: Provider[] = [ActionPlansRepository, ...PLANS_SERVICES, ActionPlansDemoSeeder];

registerConstraintMessages({
  fk_action_plans_unit_id: 'No such organisation unit',
  ck_action_plans_scope: 'A plan is for an organisation unit or a role family, not both',
  ck_action_plans_period: 'A plan ends after it starts',
  ck_action_plans_title_length: 'A title is 1 to 200 characters',
  fk_action_plan_priorities_plan_id: 'No such action plan',
  ck_action_plan_priorities_skill: 'A skill-met-share target (and only it) names a skill',
  ck_action_plan_priorities_hires: 'Hires are counted against a role level',
  ck_action_plan_priorities_target_range: 'A share is 0 to 100; a count is 0 or more',
  fk_action_plan_actions_priority_id: 'No such priority',
  fk_action_plan_actions_learning_item_id: 'No such catalogue item',
  ck_action_plan_actions_learning_item: 'A learning action (and only it) names a catalogue item',
  ck_action_plan_actions_description_length: 'A description is 1 to 2,000 characters',
  ck_action_plan_actions_owner_length: 'An owner is 1 to 200 characters',
});
