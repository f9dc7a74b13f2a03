import { RoleLevel } from '@capability/framework';
import { Grade, OrganisationUnit } from '@capability/workforce';
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
import { Campaign } from './campaign.entity.js';

export const VACANCY_STATES = ['draft', 'open', 'closed', 'withdrawn'] as const;
export type VacancyState = (typeof VACANCY_STATES)[number];

/**
 * The pre-employment checks a vacancy may require before appointment. Right to work is a legal duty for every
 * hire, so every vacancy requires it; BPSS (the Baseline Personnel Security Standard) is the Civil Service's
 * baseline; the national security vetting levels are counter-terrorist check, security check and developed vetting.
 */
export const PRE_EMPLOYMENT_CHECKS = [
  'right-to-work',
  'bpss',
  'references',
  'employment-history',
  'criminal-record',
  'health',
  'qualifications',
  'counter-terrorist-check',
  'security-clearance',
  'developed-vetting',
] as const;
export type PreEmploymentCheck = (typeof PRE_EMPLOYMENT_CHECKS)[number];

export const DEFAULT_REQUIRED_CHECKS: readonly PreEmploymentCheck[] = ['right-to-work', 'bpss'];
export const DEFAULT_RESERVE_LIST_MONTHS = 12;
export const MAX_RESERVE_LIST_MONTHS = 24;
export const MAX_VACANCY_POSTS = 1000;
export const MAX_SALARY = 1_000_000;

const CHECKS_SQL = PRE_EMPLOYMENT_CHECKS.map((c) => `'${c}'`).join(', ');

/**
 * A vacancy under a campaign: a role level (whose required skills are the framework's), a grade, the organisation
 * unit the posts are in, the locations it is advertised at (`vacancy_locations`), how many posts, the salary range
 * (whole pounds a year), its closing date (within the campaign's period), the pre-employment checks appointment
 * waits for, how long its reserve list lasts (1–24 months, 12 by default), and its panel (`vacancy_panel_members`).
 * Draft → open → closed, or withdrawn from draft or open (`planning-states.ts`).
 */
@Entity({ name: 'vacancies' })
@Index('ix_vacancies_created_at_id', ['createdAt', 'id'])
@Index('ix_vacancies_campaign_id', ['campaignId'])
@Index('ix_vacancies_role_level_id', ['roleLevelId'])
@Index('ix_vacancies_unit_id', ['unitId'])
@Index('ix_vacancies_grade_id', ['gradeId'])
@Check('ck_vacancies_state', `state IN ('draft', 'open', 'closed', 'withdrawn')`)
@Check('ck_vacancies_title_length', 'char_length(title) BETWEEN 1 AND 200')
@Check('ck_vacancies_posts', `posts BETWEEN 1 AND ${MAX_VACANCY_POSTS}`)
@Check('ck_vacancies_salary_range', `salary_min >= 0 AND salary_max <= ${MAX_SALARY} AND salary_min <= salary_max`)
@Check('ck_vacancies_reserve_list_months', `reserve_list_months BETWEEN 1 AND ${MAX_RESERVE_LIST_MONTHS}`)
@Check(
  'ck_vacancies_required_checks',
  `required_checks <@ ARRAY[${CHECKS_SQL}]::varchar[] AND 'right-to-work' = ANY(required_checks)`,
)
@Check('ck_vacancies_opened', `state IN ('draft', 'withdrawn') OR opened_at IS NOT NULL`)
@Check('ck_vacancies_closed', `(state = 'closed') = (closed_at IS NOT NULL)`)
@Check('ck_vacancies_withdrawn', `(state = 'withdrawn') = (withdrawn_at IS NOT NULL)`)
export class Vacancy {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_vacancies' })
  id: string;

  @Column({ type: 'uuid' })
  campaignId: string;

  @ManyToOne(() => Campaign, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'fk_vacancies_campaign_id' })
  campaign?: Relation<Campaign>;

  /** The job title as advertised, e.g. "Senior data engineer (Border Force)". */
  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** A role level of the framework version current when it was saved: its family and required skills. */
  @Column({ type: 'uuid' })
  roleLevelId: string;

  @ManyToOne(() => RoleLevel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'role_level_id', foreignKeyConstraintName: 'fk_vacancies_role_level_id' })
  roleLevel?: Relation<RoleLevel>;

  @Column({ type: 'uuid' })
  gradeId: string;

  @ManyToOne(() => Grade, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grade_id', foreignKeyConstraintName: 'fk_vacancies_grade_id' })
  grade?: Relation<Grade>;

  /** The organisation unit the posts are in (and whose establishment they fill). */
  @Column({ type: 'uuid' })
  unitId: string;

  @ManyToOne(() => OrganisationUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_vacancies_unit_id' })
  unit?: Relation<OrganisationUnit>;

  @Column({ type: 'integer' })
  posts: number;

  /** Whole pounds a year. */
  @Column({ type: 'integer' })
  salaryMin: number;

  @Column({ type: 'integer' })
  salaryMax: number;

  /** The last day applications are taken; within the campaign's period. */
  @Column({ type: 'date' })
  closesOn: string;

  @Column({ type: 'varchar', length: 30, array: true })
  requiredChecks: PreEmploymentCheck[];

  @Column({ type: 'smallint', default: DEFAULT_RESERVE_LIST_MONTHS })
  reserveListMonths: number;

  @Column({ type: 'varchar', length: 10, default: 'draft' })
  state: VacancyState;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  openedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  withdrawnAt: Date | null;

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
