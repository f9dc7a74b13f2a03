import { ReviewCycle } from '@capability/reviews';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';

/**
 * A closed review cycle's capability gap figures, written once by the snapshot job, at several grains (`grain`, see
 * GAP_GRAINS): each a set of the report's groupings (role family always among them, as scope needs it; the finest,
 * `all`, every one), as the cycle closed. Per source and grain, one row per combination of the grain's groupings and
 * skill with the counts the gap report sums; and per combination without a skill (`skill_slug` null) the people with
 * at least one counted rating, so a report not grouped or filtered by skill counts each person once. A person has one
 * review per cycle and one rating per skill, so a skill row's people are its requirements. Groupings outside the grain
 * are null.
 */
@Entity({ name: 'insights_gap_cells' })
@Index('ix_insights_gap_cells_cycle_id_source_grain', ['cycleId', 'source', 'grain'])
@Check('ck_insights_gap_cells_source', `source IN ('validated', 'self')`)
@Check(
  'ck_insights_gap_cells_counts',
  'people >= 0 AND requirements >= 0 AND met BETWEEN 0 AND requirements AND gap_sum >= 0 AND n0 + n1 + n2 + n3 + n4 = requirements',
)
@Check(
  'ck_insights_gap_cells_person_rows',
  '(skill_slug IS NULL) = (skill_name IS NULL) AND (skill_slug IS NOT NULL OR requirements = 0)',
)
export class GapSnapshotCell {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_insights_gap_cells' })
  id: string;

  @Column({ type: 'uuid' })
  cycleId: string;

  @ManyToOne(() => ReviewCycle, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cycle_id', foreignKeyConstraintName: 'fk_insights_gap_cells_cycle_id' })
  cycle?: Relation<ReviewCycle>;

  @Column({ type: 'varchar', length: 10 })
  source: 'validated' | 'self';

  @Column({ type: 'varchar', length: 100 })
  grain: string;

  @Column({ type: 'varchar', length: 120 })
  roleFamilySlug: string;

  @Column({ type: 'varchar', length: 200 })
  roleFamilyName: string;

  @Column({ type: 'varchar', length: 120, nullable: true })
  roleSlug: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  roleName: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  roleLevelSlug: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  roleLevelName: string | null;

  @Column({ type: 'uuid', nullable: true })
  unitId: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  unitName: string | null;

  /** The unit's path from the root (itself last), as the cycle closed: the unit filter takes a subtree. */
  @Column({ type: 'uuid', array: true, nullable: true })
  unitPath: string[] | null;

  @Column({ type: 'uuid', nullable: true })
  locationId: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  locationName: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  gradeCode: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  gradeName: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  employmentType: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  skillSlug: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  skillName: string | null;

  @Column({ type: 'integer' })
  people: number;

  @Column({ type: 'integer' })
  requirements: number;

  @Column({ type: 'integer' })
  met: number;

  @Column({ type: 'integer' })
  gapSum: number;

  @Column({ type: 'integer' })
  n0: number;

  @Column({ type: 'integer' })
  n1: number;

  @Column({ type: 'integer' })
  n2: number;

  @Column({ type: 'integer' })
  n3: number;

  @Column({ type: 'integer' })
  n4: number;
}

/** That a closed cycle's gap cells are written (the report reads them from then on), and when. */
@Entity({ name: 'insights_cycle_snapshots' })
export class CycleSnapshot {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_insights_cycle_snapshots' })
  cycleId: string;

  @ManyToOne(() => ReviewCycle, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cycle_id', foreignKeyConstraintName: 'fk_insights_cycle_snapshots_cycle_id' })
  cycle?: Relation<ReviewCycle>;

  @Column({ type: 'timestamptz', precision: 3 })
  takenAt: Date;

  /** Rows written to insights_gap_cells. */
  @Column({ type: 'integer' })
  cells: number;
}
