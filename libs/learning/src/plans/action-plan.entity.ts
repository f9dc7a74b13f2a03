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

export const PLAN_STATUSES = ['draft', 'active', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/**
 * A capability action plan: a unit's (and its subtree's) or a role family's priorities for a period, owned by
 * a user (a head of profession, a unit lead). Draft → active (each priority's baseline captured) → closed.
 */
@Entity({ name: 'action_plans' })
@Index('ix_action_plans_created_at_id', ['createdAt', 'id'])
@Index('ix_action_plans_role_family_slug', ['roleFamilySlug'])
@Index('ix_action_plans_owner_user_id', ['ownerUserId'])
@Index('ix_action_plans_unit_id', ['unitId'])
@Check('ck_action_plans_status', `status IN ('draft', 'active', 'closed')`)
@Check('ck_action_plans_scope', '(unit_id IS NULL) <> (role_family_slug IS NULL)')
@Check('ck_action_plans_period', 'ends_on > starts_on')
@Check('ck_action_plans_title_length', 'char_length(title) BETWEEN 1 AND 200')
@Check('ck_action_plans_activated', `status = 'draft' OR activated_at IS NOT NULL`)
export class ActionPlan {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_action_plans' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** A unit plan: the unit and its subtree. Null for a family plan. */
  @Column({ type: 'uuid', nullable: true })
  unitId: string | null;

  @ManyToOne(() => OrganisationUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_action_plans_unit_id' })
  unit?: Relation<OrganisationUnit>;

  /** A family plan: a role family of the current framework, by slug. Null for a unit plan. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  roleFamilySlug: string | null;

  /** The user who owns the plan (checked to exist when set; users live in auth). */
  @Column({ type: 'uuid' })
  ownerUserId: string;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'varchar', length: 10, default: 'draft' })
  status: PlanStatus;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  activatedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  /** The ETag: every write is `UPDATE … WHERE id = $1 AND version = $2`. */
  @VersionColumn({ default: 1 })
  version: number;
}
