import { RoleLevel } from '@capability/framework';
import { Grade, OrganisationUnit } from '@capability/workforce';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';

/** The most posts one establishment row funds. */
export const MAX_FUNDED_POSTS = 10_000;

/**
 * The establishment: posts funded for an organisation unit, role level and grade, over a period. Effective-dated
 * like role assignments (`ends_on` exclusive, null while open): a change of funding ends the row and starts
 * another, so what was funded on any day stays answerable. Posts are whole posts (staff records carry no working
 * pattern, so people in post are counted by head; a job share is recorded as the one post it fills). Two rows for
 * the same unit, role level and grade never overlap (an exclusion constraint; the service names the clash first).
 */
@Entity({ name: 'establishment_posts' })
@Index('ix_establishment_posts_created_at_id', ['createdAt', 'id'])
@Index('ix_establishment_posts_unit_id', ['unitId'])
@Index('ix_establishment_posts_role_level_id', ['roleLevelId'])
@Index('ix_establishment_posts_grade_id', ['gradeId'])
@Check('ck_establishment_posts_funded_posts', `funded_posts BETWEEN 1 AND ${MAX_FUNDED_POSTS}`)
@Check('ck_establishment_posts_period', 'ends_on IS NULL OR ends_on > starts_on')
@Exclusion(
  'ex_establishment_posts_no_overlap',
  `USING gist (unit_id WITH =, role_level_id WITH =, grade_id WITH =, daterange(starts_on, ends_on, '[)') WITH &&)`,
)
export class EstablishmentPost {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_establishment_posts' })
  id: string;

  @Column({ type: 'uuid' })
  unitId: string;

  @ManyToOne(() => OrganisationUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_establishment_posts_unit_id' })
  unit?: Relation<OrganisationUnit>;

  /** A role level of the framework version current when the row was saved (matched to staff by slug). */
  @Column({ type: 'uuid' })
  roleLevelId: string;

  @ManyToOne(() => RoleLevel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'role_level_id', foreignKeyConstraintName: 'fk_establishment_posts_role_level_id' })
  roleLevel?: Relation<RoleLevel>;

  @Column({ type: 'uuid' })
  gradeId: string;

  @ManyToOne(() => Grade, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grade_id', foreignKeyConstraintName: 'fk_establishment_posts_grade_id' })
  grade?: Relation<Grade>;

  @Column({ type: 'integer' })
  fundedPosts: number;

  @Column({ type: 'date' })
  startsOn: string;

  /** Exclusive: the first day the posts are no longer funded; null while open-ended. */
  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

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
