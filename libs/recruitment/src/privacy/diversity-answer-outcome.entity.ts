import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Vacancy } from '../planning/vacancy.entity.js';
import { DiversityAnswer } from './diversity-answer.entity.js';

/**
 * What the aggregate needs of an anonymised candidate's applications, kept with their detached diversity answers:
 * the vacancy and the stage each application ended at. No application or candidate id.
 */
@Entity({ name: 'diversity_answer_outcomes' })
@Index('ix_diversity_answer_outcomes_vacancy_id', ['vacancyId'])
export class DiversityAnswerOutcome {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_diversity_answer_outcomes' })
  diversityAnswerId: string;

  @ManyToOne(() => DiversityAnswer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'diversity_answer_id', foreignKeyConstraintName: 'fk_diversity_answer_outcomes_answer_id' })
  diversityAnswer?: Relation<DiversityAnswer>;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_diversity_answer_outcomes' })
  vacancyId: string;

  @ManyToOne(() => Vacancy, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vacancy_id', foreignKeyConstraintName: 'fk_diversity_answer_outcomes_vacancy_id' })
  vacancy?: Relation<Vacancy>;

  @Column({ type: 'varchar', length: 30 })
  stage: string;
}
