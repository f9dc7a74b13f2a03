import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A Civil Service grade, AA … PS, seeded from the shipped reference data. */
@Entity({ name: 'grades' })
@Index('uq_grades_code', ['code'], { unique: true })
@Check('ck_grades_group', `"group" IN ('delegated', 'senior_civil_service')`)
export class Grade {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_grades' })
  id: string;

  /** AA, AO, EO, HEO, SEO, G7, G6, SCS1, SCS1A, SCS2, SCS3, PS. */
  @Column({ type: 'varchar', length: 10 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Junior to senior; SCS1 and SCS1A share a rank. */
  @Column({ type: 'smallint' })
  rank: number;

  @Column({ type: 'varchar', length: 30 })
  group: 'delegated' | 'senior_civil_service';

  @Column({ type: 'varchar', length: 30 })
  broadGrade: string;
}
