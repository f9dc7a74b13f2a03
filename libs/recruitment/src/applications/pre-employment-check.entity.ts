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
import { PRE_EMPLOYMENT_CHECKS, type PreEmploymentCheck } from '../planning/vacancy.entity.js';
import { Application, MAX_REASON_LENGTH } from './application.entity.js';

export const CHECK_STATES = ['pending', 'passed', 'failed'] as const;
export type CheckState = (typeof CHECK_STATES)[number];
export const CHECK_OUTCOMES = ['passed', 'failed'] as const satisfies readonly CheckState[];
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

const CHECKS_SQL = PRE_EMPLOYMENT_CHECKS.map((c) => `'${c}'`).join(', ');

/**
 * One pre-employment check of an application (the vacancy's required checks, created pending when the offer is
 * accepted): pending, passed or failed, with who decided and when. Appointment waits for every one to pass.
 */
@Entity({ name: 'pre_employment_checks' })
@Index('uq_pre_employment_checks_application_check', ['applicationId', 'check'], { unique: true })
@Check('ck_pre_employment_checks_check', `"check" IN (${CHECKS_SQL})`)
@Check('ck_pre_employment_checks_state', `state IN ('pending', 'passed', 'failed')`)
@Check('ck_pre_employment_checks_decided', `(state = 'pending') = (decided_at IS NULL)`)
export class PreEmploymentCheckRow {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_pre_employment_checks' })
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_pre_employment_checks_application_id' })
  application?: Relation<Application>;

  @Column({ type: 'varchar', length: 30 })
  check: PreEmploymentCheck;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  state: CheckState;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId: string | null;

  /** HR's note (e.g. what a failure was); never audited by value. */
  @Column({ type: 'varchar', length: MAX_REASON_LENGTH, nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
