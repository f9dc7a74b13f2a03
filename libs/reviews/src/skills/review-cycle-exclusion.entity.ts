import { Staff } from '@capability/workforce';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { ReviewCycle } from './review-cycle.entity.js';

export const EXCLUSION_REASONS = ['no_role_level', 'role_level_not_in_version'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/**
 * An in-scope member of staff the opening of a cycle left out, and why: no current primary role level,
 * or one the pinned framework version does not have (no role level of that slug).
 */
@Entity({ name: 'review_cycle_exclusions' })
@Index('ix_review_cycle_exclusions_staff_id', ['staffId'])
@Check('ck_review_cycle_exclusions_reason', `reason IN ('no_role_level', 'role_level_not_in_version')`)
export class ReviewCycleExclusion {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_review_cycle_exclusions' })
  cycleId: string;

  @ManyToOne(() => ReviewCycle, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cycle_id', foreignKeyConstraintName: 'fk_review_cycle_exclusions_cycle_id' })
  cycle?: Relation<ReviewCycle>;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_review_cycle_exclusions' })
  staffId: string;

  @ManyToOne(() => Staff, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_review_cycle_exclusions_staff_id' })
  staff?: Relation<Staff>;

  @Column({ type: 'varchar', length: 40 })
  reason: ExclusionReason;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
