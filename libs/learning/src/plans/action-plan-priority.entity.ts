import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { ActionPlan } from './action-plan.entity.js';

export const TARGET_KINDS = ['skill-met-share', 'inclusion-share', 'hires'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/**
 * A priority of a plan: a measured target. `skill-met-share`: the percentage of the plan's people whose latest
 * validated rating of the skill meets the level their role level requires; `inclusion-share`: the percentage at
 * inclusion level 7 or above on their latest assessment; `hires`: a count of hires against a role level (0 until
 * recruitment exists). The baseline is the figure when the plan was activated (or the priority added to an
 * active plan); null when it was suppressed (fewer than 5 people) or the plan is still a draft.
 */
@Entity({ name: 'action_plan_priorities' })
@Index('ix_action_plan_priorities_plan_id', ['planId', 'createdAt', 'id'])
@Check('ck_action_plan_priorities_kind', `target_kind IN ('skill-met-share', 'inclusion-share', 'hires')`)
@Check('ck_action_plan_priorities_skill', `(target_kind = 'skill-met-share') = (skill_slug IS NOT NULL)`)
@Check('ck_action_plan_priorities_hires', `target_kind <> 'hires' OR role_level_slug IS NOT NULL`)
@Check('ck_action_plan_priorities_target_range', `target_value >= 0 AND (target_kind = 'hires' OR target_value <= 100)`)
@Check('ck_action_plan_priorities_baseline_range', 'baseline_value IS NULL OR baseline_value >= 0')
export class ActionPlanPriority {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_action_plan_priorities' })
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => ActionPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_action_plan_priorities_plan_id' })
  plan?: Relation<ActionPlan>;

  @Column({ type: 'varchar', length: 20 })
  targetKind: TargetKind;

  /** A skill of the current framework (skill-met-share only). */
  @Column({ type: 'varchar', length: 120, nullable: true })
  skillSlug: string | null;

  /** Narrows the people to one role level (optional), or the level hired against (hires). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  roleLevelSlug: string | null;

  /** A percentage (0 to 100, shares) or a count (hires), as a decimal string. */
  @Column({ type: 'numeric', precision: 7, scale: 1 })
  targetValue: string;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'numeric', precision: 7, scale: 1, nullable: true })
  baselineValue: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  baselineAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
