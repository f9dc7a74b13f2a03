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
import type { PulseState } from './pulse-states.js';

/**
 * A digital awareness pulse survey: a few statements rated 1..5, sent to a unit and its whole subtree
 * from the day it opens to its closing date (inclusive). Answers are anonymous (PulseAnswer).
 */
@Entity({ name: 'pulses' })
@Index('ix_pulses_created_at_id', ['createdAt', 'id'])
@Index('ix_pulses_state_closes_on', ['state', 'closesOn'])
@Index('ix_pulses_unit_id', ['unitId'])
@Check('ck_pulses_state', `state IN ('draft', 'open', 'closed')`)
@Check('ck_pulses_statements', `jsonb_typeof(statements) = 'array' AND jsonb_array_length(statements) BETWEEN 1 AND 10`)
@Check('ck_pulses_dates_when_opened', `state = 'draft' OR (opens_on IS NOT NULL AND closes_on IS NOT NULL)`)
@Check('ck_pulses_closes_after_opening', 'closes_on IS NULL OR opens_on IS NULL OR closes_on >= opens_on')
export class Pulse {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_pulses' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** The statements, in order; each answer rates every one of them 1..5. */
  @Column({ type: 'jsonb' })
  statements: string[];

  /** The pulse goes to the staff of this unit and its whole subtree. */
  @Column({ type: 'uuid' })
  unitId: string;

  @ManyToOne(() => OrganisationUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_pulses_unit_id' })
  unit?: Relation<OrganisationUnit>;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  state: PulseState;

  @Column({ type: 'date', nullable: true })
  opensOn: string | null;

  /** The last day answers are taken. */
  @Column({ type: 'date', nullable: true })
  closesOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
