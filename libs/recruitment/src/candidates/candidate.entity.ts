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
import { Partner } from '../planning/partner.entity.js';

/** Where a candidate came from when it was not a partner: the channels a department recruits through. */
export const CANDIDATE_CHANNELS = [
  'civil-service-jobs',
  'job-board',
  'social-media',
  'referral',
  'event',
  'direct',
] as const;
export type CandidateChannel = (typeof CANDIDATE_CHANNELS)[number];

/**
 * What is known of a candidate's right to work in the UK (the pre-employment check confirms it before appointment):
 * confirmed (a citizen or settled), time-limited (a visa that allows the work), sponsorship needed, or not yet known.
 */
export const RIGHT_TO_WORK = ['confirmed', 'time-limited', 'sponsorship-needed', 'not-yet-known'] as const;
export type RightToWork = (typeof RIGHT_TO_WORK)[number];

export const MIN_GRADUATION_YEAR = 1950;
export const MAX_GRADUATION_YEAR = 2100;

const CHANNELS_SQL = CANDIDATE_CHANNELS.map((c) => `'${c}'`).join(', ');
const RIGHT_TO_WORK_SQL = RIGHT_TO_WORK.map((r) => `'${r}'`).join(', ');

/**
 * A candidate: a person applying (or put forward by a partner) for vacancies. Personal data: name, contact details,
 * education; where they came from (a partner, or a channel); their right-to-work status; and whether they consent to
 * the department keeping their data after an unsuccessful application (retention reads it). One record per email,
 * whatever its case (`uq_candidates_email`, an index on lower(email) the migration writes). Diversity-monitoring
 * answers are never kept here (special category data lives apart).
 */
@Entity({ name: 'candidates' })
@Index('uq_candidates_email', { synchronize: false })
@Index('ix_candidates_created_at_id', ['createdAt', 'id'])
@Index('ix_candidates_partner_id', ['partnerId'])
@Check('ck_candidates_full_name_length', 'char_length(full_name) BETWEEN 1 AND 200')
@Check('ck_candidates_email', `email ~ '^[^[:space:]@]+@[^[:space:]@.]+([.][^[:space:]@.]+)+$'`)
@Check(
  'ck_candidates_source',
  `(partner_id IS NOT NULL AND channel IS NULL) OR (partner_id IS NULL AND channel IN (${CHANNELS_SQL}))`,
)
@Check('ck_candidates_right_to_work', `right_to_work IN (${RIGHT_TO_WORK_SQL})`)
@Check(
  'ck_candidates_graduation_year',
  `graduation_year IS NULL OR graduation_year BETWEEN ${MIN_GRADUATION_YEAR} AND ${MAX_GRADUATION_YEAR}`,
)
@Check('ck_candidates_retention_consent', '(retention_consent_at IS NOT NULL) = retention_consent')
export class Candidate {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_candidates' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  /** As given (trimmed); unique whatever its case. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  /** The partner that put the candidate forward; or else `channel`. */
  @Column({ type: 'uuid', nullable: true })
  partnerId: string | null;

  @ManyToOne(() => Partner, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id', foreignKeyConstraintName: 'fk_candidates_partner_id' })
  partner?: Relation<Partner>;

  @Column({ type: 'varchar', length: 30, nullable: true })
  channel: CandidateChannel | null;

  /** The education institution. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  university: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  course: string | null;

  @Column({ type: 'smallint', nullable: true })
  graduationYear: number | null;

  @Column({ type: 'varchar', length: 30, default: 'not-yet-known' })
  rightToWork: RightToWork;

  /** Consent to keep the data after an unsuccessful application (beyond the usual six months). */
  @Column({ type: 'boolean', default: false })
  retentionConsent: boolean;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  retentionConsentAt: Date | null;

  /**
   * When the retention job anonymised the candidate: personal fields blanked (the name and email replaced by
   * placeholders), their source, applications' stages and dates kept for the figures.
   */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  anonymisedAt: Date | null;

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
