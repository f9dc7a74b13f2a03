import { Staff } from '@capability/workforce';
import { Check, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ActionPlanAction } from './action-plan-action.entity.js';

/**
 * A shadowing or mentoring pair of a shadowing action: the mentee is an active member of staff the plan covers,
 * the mentor any active member of staff, never the mentee; each pair once per action.
 */
@Entity({ name: 'action_plan_action_pairs' })
@Index('ix_action_plan_action_pairs_mentor_staff_id', ['mentorStaffId'])
@Index('ix_action_plan_action_pairs_mentee_staff_id', ['menteeStaffId'])
@Check('ck_action_plan_action_pairs_distinct', 'mentor_staff_id <> mentee_staff_id')
export class ActionPlanActionPair {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_action_plan_action_pairs' })
  actionId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_action_plan_action_pairs' })
  mentorStaffId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_action_plan_action_pairs' })
  menteeStaffId: string;

  @ManyToOne(() => ActionPlanAction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id', foreignKeyConstraintName: 'fk_action_plan_action_pairs_action_id' })
  action?: Relation<ActionPlanAction>;

  @ManyToOne(() => Staff, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mentor_staff_id', foreignKeyConstraintName: 'fk_action_plan_action_pairs_mentor_staff_id' })
  mentor?: Relation<Staff>;

  @ManyToOne(() => Staff, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mentee_staff_id', foreignKeyConstraintName: 'fk_action_plan_action_pairs_mentee_staff_id' })
  mentee?: Relation<Staff>;
}
