import { RoleLevel } from '@capability/framework';
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
import { Staff } from './staff.entity.js';

/**
 * Who held which role level, from when to when: effective-dated, never overwritten. A new primary
 * assignment closes the open one. At most one open primary per person (partial unique index).
 */
@Entity({ name: 'role_assignments' })
@Index('ix_role_assignments_staff_id_starts_on', ['staffId', 'startsOn'])
@Index('ix_role_assignments_role_level_id', ['roleLevelId'])
@Index('uq_role_assignments_one_open_primary', ['staffId'], { unique: true, where: 'is_primary AND ends_on IS NULL' })
@Check('ck_role_assignments_ends_after_start', 'ends_on IS NULL OR ends_on > starts_on')
export class RoleAssignment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_role_assignments' })
  id: string;

  @Column({ type: 'uuid' })
  staffId: string;

  @ManyToOne(() => Staff, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_role_assignments_staff_id' })
  staff?: Relation<Staff>;

  @Column({ type: 'uuid' })
  roleLevelId: string;

  @ManyToOne(() => RoleLevel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'role_level_id', foreignKeyConstraintName: 'fk_role_assignments_role_level_id' })
  roleLevel?: Relation<RoleLevel>;

  @Column({ type: 'boolean', default: true })
  isPrimary: boolean;

  @Column({ type: 'date' })
  startsOn: string;

  /** Exclusive end; null while the assignment is current. */
  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
