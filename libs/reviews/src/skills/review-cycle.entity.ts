import { FrameworkVersion } from '@capability/framework';
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

export const CYCLE_STATES = ['draft', 'open', 'closed'] as const;
export type CycleState = (typeof CYCLE_STATES)[number];

/**
 * An annual skills review for a unit and its subtree. Opening pins the framework version current at
 * that moment and creates the reviews; closing freezes them.
 */
@Entity({ name: 'review_cycles' })
@Index('ix_review_cycles_created_at_id', ['createdAt', 'id'])
@Index('ix_review_cycles_state', ['state'])
@Index('ix_review_cycles_unit_id', ['unitId'])
@Check('ck_review_cycles_state', `state IN ('draft', 'open', 'closed')`)
@Check('ck_review_cycles_closes_after_opens', 'closes_on >= opens_on')
@Check(
  'ck_review_cycles_pinned_once_opened',
  `state = 'draft' OR (framework_version_id IS NOT NULL AND opened_at IS NOT NULL)`,
)
@Check('ck_review_cycles_closed_at', `(state = 'closed') = (closed_at IS NOT NULL)`)
export class ReviewCycle {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_review_cycles' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** The unit whose whole subtree is in scope. */
  @Column({ type: 'uuid' })
  unitId: string;

  @ManyToOne(() => OrganisationUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_review_cycles_unit_id' })
  unit?: Relation<OrganisationUnit>;

  @Column({ type: 'date' })
  opensOn: string;

  @Column({ type: 'date' })
  closesOn: string;

  @Column({ type: 'varchar', length: 10, default: 'draft' })
  state: CycleState;

  /** The framework version current when the cycle opened; null while a draft. */
  @Column({ type: 'uuid', nullable: true })
  frameworkVersionId: string | null;

  @ManyToOne(() => FrameworkVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'framework_version_id', foreignKeyConstraintName: 'fk_review_cycles_framework_version_id' })
  frameworkVersion?: Relation<FrameworkVersion>;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  openedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
