import { registerConstraintMessages } from '@capability/platform';
import type { Provider, Type } from '@nestjs/common';
import { ActionPlanActionPair } from './action-plan-action-pair.entity.js';
import { ActionPlanActionPerson } from './action-plan-action-person.entity.js';
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
 *   group_unit_id (learning only: a unit and its subtree) and group_role_level_slug (narrows the group);
 *   description; owner (free text); due_on; status open | done; version (If-Match).
 * - `action_plan_action_people`: (action_id, staff_id): the people a learning action names.
 * - `action_plan_action_pairs`: (action_id, mentor_staff_id, mentee_staff_id), mentor ≠ mentee: a shadowing
 *   action's pairs.
 */
export const PLANS_ENTITIES: Type[] = [
  ActionPlan,
  ActionPlanPriority,
  ActionPlanAction,
  ActionPlanActionPerson,
  ActionPlanActionPair,
];
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
  fk_action_plan_actions_group_unit_id: 'No such organisation unit',
  ck_action_plan_actions_group: 'Only a learning action is for a group',
  ck_action_plan_actions_group_role_level: 'A role level narrows a group: give its unit',
  pk_action_plan_action_people: 'A person is named once per action',
  fk_action_plan_action_people_staff_id: 'No such member of staff',
  fk_action_plan_action_people_action_id: 'No such action',
  pk_action_plan_action_pairs: 'Each pair once per action',
  ck_action_plan_action_pairs_distinct: 'A mentor and their mentee are different people',
  fk_action_plan_action_pairs_mentor_staff_id: 'No such member of staff',
  fk_action_plan_action_pairs_mentee_staff_id: 'No such member of staff',
  fk_action_plan_action_pairs_action_id: 'No such action',
});
