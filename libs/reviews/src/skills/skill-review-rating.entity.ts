import { Skill } from '@capability/framework';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { SkillReview } from './skill-review.entity.js';

/**
 * A skill in a review: a required one (snapshotted with its required level when the cycle opened) or an
 * extra one the reviewee added (required level null). Self and validated levels are 0..4; a pair two or
 * more apart is flagged for calibration (the database holds the rule).
 */
@Entity({ name: 'skill_review_ratings' })
@Index('ix_skill_review_ratings_skill_id', ['skillId'])
@Check('ck_skill_review_ratings_required_level_range', 'required_level IS NULL OR required_level BETWEEN 1 AND 4')
@Check('ck_skill_review_ratings_self_level_range', 'self_level IS NULL OR self_level BETWEEN 0 AND 4')
@Check('ck_skill_review_ratings_validated_level_range', 'validated_level IS NULL OR validated_level BETWEEN 0 AND 4')
@Check('ck_skill_review_ratings_evidence_length', 'evidence IS NULL OR char_length(evidence) <= 2000')
@Check('ck_skill_review_ratings_comment_length', 'comment IS NULL OR char_length(comment) <= 2000')
@Check(
  'ck_skill_review_ratings_calibration_flag',
  'flagged_for_calibration = (self_level IS NOT NULL AND validated_level IS NOT NULL AND abs(self_level - validated_level) >= 2)',
)
export class SkillReviewRating {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_skill_review_ratings' })
  reviewId: string;

  @ManyToOne(() => SkillReview, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_id', foreignKeyConstraintName: 'fk_skill_review_ratings_review_id' })
  review?: Relation<SkillReview>;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_skill_review_ratings' })
  skillId: string;

  @ManyToOne(() => Skill, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_skill_review_ratings_skill_id' })
  skill?: Relation<Skill>;

  @Column({ type: 'varchar', length: 120 })
  skillSlug: string;

  @Column({ type: 'varchar', length: 200 })
  skillName: string;

  /** The framework's order for required skills; extra skills come after them. */
  @Column({ type: 'smallint' })
  position: number;

  /** Null for an extra skill the role level does not require. */
  @Column({ type: 'smallint', nullable: true })
  requiredLevel: number | null;

  @Column({ type: 'smallint', nullable: true })
  selfLevel: number | null;

  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Column({ type: 'smallint', nullable: true })
  validatedLevel: number | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'boolean', default: false })
  flaggedForCalibration: boolean;
}
