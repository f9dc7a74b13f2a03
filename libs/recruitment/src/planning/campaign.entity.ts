import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export const CAMPAIGN_KINDS = ['graduate', 'apprenticeship', 'specialist', 'interim'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export const CAMPAIGN_STATES = ['draft', 'open', 'closed'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

/**
 * A recruitment campaign: graduate, apprenticeship, specialist (experienced hire, competing with big tech) or
 * interim (an engagement through a supplier), owned by a user, over a period, with a target number of hires, the
 * partners it runs through (`campaign_partners`) and the capability gap it addresses (`campaign_gap_role_levels`,
 * `campaign_gap_skills`). Draft → open → closed (`planning-states.ts`). Its vacancies are `vacancies` rows.
 */
@Entity({ name: 'campaigns' })
@Index('ix_campaigns_created_at_id', ['createdAt', 'id'])
@Index('ix_campaigns_owner_user_id', ['ownerUserId'])
@Check('ck_campaigns_kind', `kind IN ('graduate', 'apprenticeship', 'specialist', 'interim')`)
@Check('ck_campaigns_state', `state IN ('draft', 'open', 'closed')`)
@Check('ck_campaigns_title_length', 'char_length(title) BETWEEN 1 AND 200')
@Check('ck_campaigns_period', 'ends_on >= starts_on')
@Check('ck_campaigns_target_hires', 'target_hires BETWEEN 1 AND 10000')
@Check('ck_campaigns_opened', `state = 'draft' OR opened_at IS NOT NULL`)
@Check('ck_campaigns_closed', `(state = 'closed') = (closed_at IS NOT NULL)`)
export class Campaign {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_campaigns' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 20 })
  kind: CampaignKind;

  /** The user who owns the campaign (checked to exist when set; users live in auth). */
  @Column({ type: 'uuid' })
  ownerUserId: string;

  @Column({ type: 'date' })
  startsOn: string;

  /** Inclusive: the campaign's last day; its vacancies close on or before it. */
  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'integer' })
  targetHires: number;

  @Column({ type: 'varchar', length: 10, default: 'draft' })
  state: CampaignState;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  openedAt: Date | null;

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
