import { Staff } from '@capability/workforce';
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
import { LearningItem } from '../catalogue/learning-item.entity.js';

export const RECORD_STATES = ['submitted', 'verified', 'rejected'] as const;
export type RecordState = (typeof RECORD_STATES)[number];

/**
 * A member of staff's completion of learning: a catalogue item (learning_item_id) or external learning
 * (title, provider, the skills claimed), with its date, hours and evidence (a link, a note, or both: at least
 * one, so a line manager has something to verify against). Submitted → verified, or rejected with a reason
 * → corrected and submitted again. The skill slugs of an item's record are the item's, copied when recorded.
 */
@Entity({ name: 'learning_records' })
@Index('ix_learning_records_staff_id_completed_on', ['staffId', 'completedOn', 'createdAt', 'id'])
@Index('ix_learning_records_state_created_at_id', ['state', 'createdAt', 'id'])
@Index('ix_learning_records_learning_item_id', ['learningItemId'])
@Check('ck_learning_records_state', `state IN ('submitted', 'verified', 'rejected')`)
@Check(
  'ck_learning_records_item_or_external',
  '(learning_item_id IS NULL) = (title IS NOT NULL) AND (learning_item_id IS NULL OR provider IS NULL)',
)
@Check('ck_learning_records_title_length', 'title IS NULL OR char_length(title) BETWEEN 1 AND 200')
@Check('ck_learning_records_provider_length', 'provider IS NULL OR char_length(provider) <= 200')
@Check('ck_learning_records_hours_range', 'hours > 0 AND hours <= 1000')
@Check('ck_learning_records_evidence', 'evidence_url IS NOT NULL OR evidence_note IS NOT NULL')
@Check('ck_learning_records_evidence_note_length', 'evidence_note IS NULL OR char_length(evidence_note) <= 2000')
@Check('ck_learning_records_verified', `(state = 'verified') = (verified_at IS NOT NULL)`)
@Check('ck_learning_records_rejected', `(state = 'rejected') = (rejected_at IS NOT NULL AND reject_reason IS NOT NULL)`)
@Check('ck_learning_records_reject_reason_length', 'reject_reason IS NULL OR char_length(reject_reason) <= 2000')
export class LearningRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_learning_records' })
  id: string;

  @Column({ type: 'uuid' })
  staffId: string;

  @ManyToOne(() => Staff, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_learning_records_staff_id' })
  staff?: Relation<Staff>;

  /** The catalogue item completed (an event's attendance too); null for external learning. */
  @Column({ type: 'uuid', nullable: true })
  learningItemId: string | null;

  @ManyToOne(() => LearningItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'learning_item_id', foreignKeyConstraintName: 'fk_learning_records_learning_item_id' })
  learningItem?: Relation<LearningItem>;

  /** External learning only: what it was and who provided it. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  provider: string | null;

  /** Skill slugs of the current framework: claimed (external) or the item's (copied when recorded). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  skillSlugs: string[];

  /** Not in the future, not before the person's start date (checked when recorded). */
  @Column({ type: 'date' })
  completedOn: string;

  /** 0 < hours ≤ 1,000, as a decimal string (two places). */
  @Column({ type: 'numeric', precision: 6, scale: 2 })
  hours: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  evidenceUrl: string | null;

  @Column({ type: 'text', nullable: true })
  evidenceNote: string | null;

  @Column({ type: 'varchar', length: 20, default: 'submitted' })
  state: RecordState;

  @Column({ type: 'uuid', nullable: true })
  recordedByUserId: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  verifiedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  verifiedByUserId: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  rejectedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  rejectedByUserId: string | null;

  @Column({ type: 'text', nullable: true })
  rejectReason: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  /** The ETag: every write is `UPDATE … WHERE id = $1 AND version = $2`. */
  @VersionColumn({ default: 1 })
  version: number;
}
