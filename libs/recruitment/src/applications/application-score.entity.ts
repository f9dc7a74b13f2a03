import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Application } from './application.entity.js';
import { SCORED_STAGES_SQL, type ScoredStage } from './pipeline.js';
import { BEHAVIOUR_SCORE, TECHNICAL_SCORE, type ScoreKind } from './scoring.js';

/**
 * One assessor's score of one criterion of an application at a stage: a Success Profiles behaviour (1..7) or a
 * technical skill of the vacancy's role level (by slug, 0..4 against the level it requires). An assessor's scores
 * for a stage are replaced whole when they score again.
 */
@Entity({ name: 'application_scores' })
@Index('uq_application_scores_criterion', ['applicationId', 'stage', 'assessorUserId', 'kind', 'criterion'], {
  unique: true,
})
@Index('ix_application_scores_assessor_user_id', ['assessorUserId'])
@Check('ck_application_scores_stage', `stage IN (${SCORED_STAGES_SQL})`)
@Check('ck_application_scores_kind', `kind IN ('behaviour', 'technical')`)
@Check(
  'ck_application_scores_range',
  `(kind = 'behaviour' AND score BETWEEN ${BEHAVIOUR_SCORE.min} AND ${BEHAVIOUR_SCORE.max})
    OR (kind = 'technical' AND score BETWEEN ${TECHNICAL_SCORE.min} AND ${TECHNICAL_SCORE.max})`,
)
export class ApplicationScore {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_application_scores' })
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_application_scores_application_id' })
  application?: Relation<Application>;

  @Column({ type: 'varchar', length: 30 })
  stage: ScoredStage;

  /** A user (users live in auth: checked by the service, not by a key). */
  @Column({ type: 'uuid' })
  assessorUserId: string;

  @Column({ type: 'varchar', length: 10 })
  kind: ScoreKind;

  /** A behaviour, or a skill slug. */
  @Column({ type: 'varchar', length: 120 })
  criterion: string;

  @Column({ type: 'smallint' })
  score: number;

  @Column({ type: 'timestamptz', precision: 3 })
  scoredAt: Date;
}
