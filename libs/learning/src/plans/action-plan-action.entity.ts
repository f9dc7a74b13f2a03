import { OrganisationUnit } from '@capability/workforce';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { LearningItem } from '../catalogue/learning-item.entity.js';
import { ActionPlanPriority } from './action-plan-priority.entity.js';

export const ACTION_KINDS = ['learning', 'shadowing', 'campaign', 'text'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export const ACTION_STATUSES = ['open', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/**
 * Whom a learning action is for: the people named (`action_plan_action_people`), a group (a unit and its subtree,
 * optionally one role level), or, when neither is given, everyone the plan covers.
 */
export const ACTION_AUDIENCES = ['people', 'group', 'everyone'] as const;
export type ActionAudience = (typeof ACTION_AUDIENCES)[number];

/**
 * Something done under a priority: a catalogue item or event (`learning`) for named people
 * (`action_plan_action_people`), a group (`group_unit_id` and its subtree, optionally `group_role_level_slug`) or
 * everyone the plan covers; shadowing or mentoring pairs (`action_plan_action_pairs`); a recruitment campaign
 * (described in free text until recruitment exists); or free text.
 */
@Entity({ name: 'action_plan_actions' })
@Index('ix_action_plan_actions_priority_id', ['priorityId', 'createdAt', 'id'])
@Index('ix_action_plan_actions_learning_item_id', ['learningItemId'])
@Index('ix_action_plan_actions_group_unit_id', ['groupUnitId'])
@Check('ck_action_plan_actions_kind', `kind IN ('learning', 'shadowing', 'campaign', 'text')`)
@Check('ck_action_plan_actions_status', `status IN ('open', 'done')`)
@Check('ck_action_plan_actions_learning_item', `(kind = 'learning') = (learning_item_id IS NOT NULL)`)
@Check('ck_action_plan_actions_group', `kind = 'learning' OR group_unit_id IS NULL`)
@Check('ck_action_plan_actions_group_role_level', 'group_role_level_slug IS NULL OR group_unit_id IS NOT NULL')
@Check('ck_action_plan_actions_description_length', 'char_length(description) BETWEEN 1 AND 2000')
@Check('ck_action_plan_actions_owner_length', 'char_length(owner) BETWEEN 1 AND 200')
export class ActionPlanAction {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_action_plan_actions' })
  id: string;

  @Column({ type: 'uuid' })
  priorityId: string;

  @ManyToOne(() => ActionPlanPriority, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'priority_id', foreignKeyConstraintName: 'fk_action_plan_actions_priority_id' })
  priority?: Relation<ActionPlanPriority>;

  @Column({ type: 'varchar', length: 20 })
  kind: ActionKind;

  @Column({ type: 'uuid', nullable: true })
  learningItemId: string | null;

  @ManyToOne(() => LearningItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'learning_item_id', foreignKeyConstraintName: 'fk_action_plan_actions_learning_item_id' })
  learningItem?: Relation<LearningItem>;

  /** learning only: the group's unit (and its subtree); null for named people or everyone the plan covers. */
  @Column({ type: 'uuid', nullable: true })
  groupUnitId: string | null;

  @ManyToOne(() => OrganisationUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'group_unit_id', foreignKeyConstraintName: 'fk_action_plan_actions_group_unit_id' })
  groupUnit?: Relation<OrganisationUnit>;

  /** Narrows the group to the people whose current primary role is this role level (optional). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  groupRoleLevelSlug: string | null;

  @Column({ type: 'text' })
  description: string;

  /** Who does it (a name or team: free text). */
  @Column({ type: 'varchar', length: 200 })
  owner: string;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status: ActionStatus;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
