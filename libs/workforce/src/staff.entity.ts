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
import { Grade } from './grade.entity.js';
import { Location } from './location.entity.js';
import { OrganisationUnit } from './organisation-unit.entity.js';
import type { RoleAssignment } from './role-assignment.entity.js';

export const EMPLOYMENT_TYPES = ['permanent', 'fixed_term', 'apprentice', 'secondee', 'interim', 'contractor'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

/**
 * A member of staff, identified by the HR system's staff number. A leaver keeps their record (history
 * and reports need it); `leaving_date` on or before today makes them a leaver.
 */
@Entity({ name: 'staff' })
@Index('uq_staff_staff_number', ['staffNumber'], { unique: true })
@Index('ix_staff_unit_id', ['unitId'])
@Index('ix_staff_line_manager_id', ['lineManagerId'])
@Index('ix_staff_created_at_id', ['createdAt', 'id'])
@Index('ix_staff_full_name_id', ['fullName', 'id'])
// GIN trigram indexes on lower(full_name) and lower(staff_number) for the `q` search (LIKE '%…%'); the
// migration owns them, as TypeORM cannot declare an expression index with an operator class.
@Index('ix_staff_full_name_trgm', { synchronize: false })
@Index('ix_staff_staff_number_trgm', { synchronize: false })
@Check(
  'ck_staff_employment_type',
  `employment_type IN ('permanent', 'fixed_term', 'apprentice', 'secondee', 'interim', 'contractor')`,
)
@Check('ck_staff_not_own_manager', 'line_manager_id IS NULL OR line_manager_id <> id')
@Check('ck_staff_leaving_after_start', 'leaving_date IS NULL OR start_date IS NULL OR leaving_date >= start_date')
@Check('ck_staff_work_email_lowercase', 'work_email IS NULL OR work_email = lower(work_email)')
export class Staff {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_staff' })
  id: string;

  @Column({ type: 'varchar', length: 30 })
  staffNumber: string;

  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  workEmail: string | null;

  @Column({ type: 'uuid' })
  unitId: string;

  @ManyToOne(() => OrganisationUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_staff_unit_id' })
  unit?: Relation<OrganisationUnit>;

  @Column({ type: 'uuid', nullable: true })
  locationId: string | null;

  @ManyToOne(() => Location, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'fk_staff_location_id' })
  location?: Relation<Location>;

  @Column({ type: 'uuid', nullable: true })
  gradeId: string | null;

  @ManyToOne(() => Grade, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grade_id', foreignKeyConstraintName: 'fk_staff_grade_id' })
  grade?: Relation<Grade>;

  @Column({ type: 'varchar', length: 20 })
  employmentType: EmploymentType;

  @Column({ type: 'uuid', nullable: true })
  lineManagerId: string | null;

  @ManyToOne(() => Staff, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'line_manager_id', foreignKeyConstraintName: 'fk_staff_line_manager_id' })
  lineManager?: Relation<Staff>;

  @Column({ type: 'date', nullable: true })
  startDate: string | null;

  @Column({ type: 'date', nullable: true })
  leavingDate: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;

  /** Not a column: the current primary role assignment, when a read joins it. */
  currentRole?: RoleAssignment | null;
}
