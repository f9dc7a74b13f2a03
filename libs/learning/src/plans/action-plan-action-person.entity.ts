import { Staff } from '@capability/workforce';
import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ActionPlanAction } from './action-plan-action.entity.js';

/**
 * A person a learning action names (at most a few hundred per action). Each is an active member of staff the plan
 * covers when named; the action's people are these, not a group, while any are named.
 */
@Entity({ name: 'action_plan_action_people' })
@Index('ix_action_plan_action_people_staff_id', ['staffId'])
export class ActionPlanActionPerson {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_action_plan_action_people' })
  actionId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_action_plan_action_people' })
  staffId: string;

  @ManyToOne(() => ActionPlanAction, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id', foreignKeyConstraintName: 'fk_action_plan_action_people_action_id' })
  action?: Relation<ActionPlanAction>;

  @ManyToOne(() => Staff, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_action_plan_action_people_staff_id' })
  staff?: Relation<Staff>;
}
