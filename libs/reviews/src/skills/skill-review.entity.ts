import { RoleLevel } from '@capability/framework';
import { Staff } from '@capability/workforce';
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
import { ReviewCycle } from './review-cycle.entity.js';

export const REVIEW_STATES = ['not_started', 'in_progress', 'self_assessed', 'returned', 'validated'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/**
 * One person's review in one cycle. The role level (and its family, unit at opening) are snapshots, so a
 * closed cycle's results never change whatever later happens to the framework, the person's role or unit.
 */
@Entity({ name: 'skill_reviews' })
@Index('uq_skill_reviews_cycle_staff', ['cycleId', 'staffId'], { unique: true })
@Index('ix_skill_reviews_staff_id', ['staffId'])
@Index('ix_skill_reviews_cycle_id_state_id', ['cycleId', 'state', 'id'])
@Index('ix_skill_reviews_role_level_id', ['roleLevelId'])
@Check('ck_skill_reviews_state', `state IN ('not_started', 'in_progress', 'self_assessed', 'returned', 'validated')`)
@Check('ck_skill_reviews_validated', `(state = 'validated') = (validated_at IS NOT NULL)`)
@Check('ck_skill_reviews_submitted', `state NOT IN ('self_assessed', 'validated') OR submitted_at IS NOT NULL`)
@Check('ck_skill_reviews_returned', `state <> 'returned' OR (returned_at IS NOT NULL AND return_reason IS NOT NULL)`)
@Check('ck_skill_reviews_return_reason_length', 'return_reason IS NULL OR char_length(return_reason) <= 2000')
export class SkillReview {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_skill_reviews' })
  id: string;

  @Column({ type: 'uuid' })
  cycleId: string;

  @ManyToOne(() => ReviewCycle, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cycle_id', foreignKeyConstraintName: 'fk_skill_reviews_cycle_id' })
  cycle?: Relation<ReviewCycle>;

  @Column({ type: 'uuid' })
  staffId: string;

  @ManyToOne(() => Staff, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_skill_reviews_staff_id' })
  staff?: Relation<Staff>;

  /** The role level of the pinned framework version the person held when the cycle opened. */
  @Column({ type: 'uuid' })
  roleLevelId: string;

  @ManyToOne(() => RoleLevel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'role_level_id', foreignKeyConstraintName: 'fk_skill_reviews_role_level_id' })
  roleLevel?: Relation<RoleLevel>;

  @Column({ type: 'varchar', length: 100 })
  roleLevelSlug: string;

  @Column({ type: 'varchar', length: 200 })
  roleLevelName: string;

  /** The role family of that role level (heads of profession read their families' reviews). */
  @Column({ type: 'varchar', length: 100 })
  roleFamilySlug: string;

  /** The person's unit when the cycle opened. */
  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'varchar', length: 20, default: 'not_started' })
  state: ReviewState;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  validatedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  validatedByUserId: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  returnedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  returnedByUserId: string | null;

  @Column({ type: 'text', nullable: true })
  returnReason: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  /** The ETag: every write is `UPDATE … WHERE id = $1 AND version = $2`. */
  @VersionColumn({ default: 1 })
  version: number;
}
