import {
  Check,
  Column,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { Vacancy } from '../planning/vacancy.entity.js';
import { BEHAVIOUR_SCORE } from './scoring.js';

/**
 * How a vacancy's applications are selected, kept beside the vacancy (planning owns the vacancy; selection is the
 * pipeline's): the minimum sift score (the Success Profiles scale, compared with the sift's overall behaviour score;
 * what the Disability Confident guarantee reads) and whether there is an assessment stage after the interview. A
 * vacancy without a row has the defaults: minimum 4, no assessment (version 0).
 */
@Entity({ name: 'vacancy_pipeline_settings' })
@Check(
  'ck_vacancy_pipeline_settings_min_sift_score',
  `min_sift_score BETWEEN ${BEHAVIOUR_SCORE.min} AND ${BEHAVIOUR_SCORE.max}`,
)
export class VacancyPipelineSettings {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_vacancy_pipeline_settings' })
  vacancyId: string;

  @OneToOne(() => Vacancy, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vacancy_id', foreignKeyConstraintName: 'fk_vacancy_pipeline_settings_vacancy_id' })
  vacancy?: Relation<Vacancy>;

  @Column({ type: 'numeric', precision: 3, scale: 2 })
  minSiftScore: string;

  @Column({ type: 'boolean', default: false })
  hasAssessment: boolean;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
