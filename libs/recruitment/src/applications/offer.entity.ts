import { Location } from '@capability/workforce';
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
import { Application, MAX_REASON_LENGTH } from './application.entity.js';

/** made → accepted | declined | withdrawn | expired; the last four are final. */
export const OFFER_STATES = ['made', 'accepted', 'declined', 'withdrawn', 'expired'] as const;
export type OfferState = (typeof OFFER_STATES)[number];

/** A live offer: one per application at a time (`uq_offers_application_live`). */
export const LIVE_OFFER_STATES = ['made', 'accepted'] as const satisfies readonly OfferState[];

/** Who recorded a candidate's answer: HR on their behalf, or the candidate on the candidate link. */
export const OFFER_RESPONDERS = ['hr', 'candidate'] as const;
export type OfferResponder = (typeof OFFER_RESPONDERS)[number];

/**
 * An offer of a post to an application at the offer stage: salary (whole pounds a year, within the vacancy's range),
 * start date, the day it lapses (`expires_on`, the last day it may be accepted), and the location (one of the
 * vacancy's, or none). At most one live offer (made or accepted) per application, held by a partial unique index so
 * two racing requests end with one offer. Declined, withdrawn and expired offers stay as history; the application may
 * then get a new one.
 */
@Entity({ name: 'offers' })
@Index('uq_offers_application_live', ['applicationId'], { unique: true, where: `state IN ('made', 'accepted')` })
@Index('ix_offers_application_id_made_at', ['applicationId', 'madeAt'])
@Index('ix_offers_state_expires_on', ['state', 'expiresOn'])
@Check('ck_offers_state', `state IN ('made', 'accepted', 'declined', 'withdrawn', 'expired')`)
@Check('ck_offers_salary', 'salary >= 0')
@Check('ck_offers_responded', `(state IN ('accepted', 'declined')) = (responded_at IS NOT NULL)`)
@Check('ck_offers_responded_by', `responded_by IS NULL OR responded_by IN ('hr', 'candidate')`)
@Check('ck_offers_withdrawn', `(state = 'withdrawn') = (withdrawn_at IS NOT NULL)`)
export class Offer {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_offers' })
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_offers_application_id' })
  application?: Relation<Application>;

  @Column({ type: 'varchar', length: 10, default: 'made' })
  state: OfferState;

  /** Whole pounds a year. */
  @Column({ type: 'integer' })
  salary: number;

  @Column({ type: 'date' })
  startsOn: string;

  /** The last day the offer may be accepted; the daily `expire-offers` job expires it after. */
  @Column({ type: 'date' })
  expiresOn: string;

  @Column({ type: 'uuid', nullable: true })
  locationId: string | null;

  @ManyToOne(() => Location, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'fk_offers_location_id' })
  location?: Relation<Location>;

  @Column({ type: 'timestamptz', precision: 3 })
  madeAt: Date;

  @Column({ type: 'uuid', nullable: true })
  madeByUserId: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  respondedAt: Date | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  respondedBy: OfferResponder | null;

  /** The HR user who recorded the answer on the candidate's behalf (null when the candidate answered). */
  @Column({ type: 'uuid', nullable: true })
  responseRecordedByUserId: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'varchar', length: MAX_REASON_LENGTH, nullable: true })
  withdrawalReason: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  expiredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  /** The ETag: every change is `UPDATE … WHERE id = $1 AND version = $2`. */
  @VersionColumn({ default: 1 })
  version: number;
}
