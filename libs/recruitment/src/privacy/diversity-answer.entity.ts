import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Candidate } from '../candidates/candidate.entity.js';
import { answersSql, type DiversityAnswers } from './diversity.js';

/**
 * A candidate's diversity-monitoring answers (special category data), one row per candidate, apart from everything
 * else: written only through the candidate link, never returned by a candidate, application or export route (the
 * subject-access export aside: it is the person's own data), never logged, read only by the aggregate. The day it
 * was answered, never the time. When the retention job anonymises the candidate the row is detached
 * (`candidate_id` null) and keeps, in `diversity_answer_outcomes`, only the vacancies and final stages the
 * aggregate counts by: the answers stay in the figures, and lead back to nobody.
 */
@Entity({ name: 'diversity_answers' })
@Index('uq_diversity_answers_candidate_id', ['candidateId'], { unique: true, where: 'candidate_id IS NOT NULL' })
@Check('ck_diversity_answers_age_band', `age_band IN (${answersSql('ageBand')})`)
@Check('ck_diversity_answers_sex', `sex IN (${answersSql('sex')})`)
@Check('ck_diversity_answers_ethnicity_group', `ethnicity_group IN (${answersSql('ethnicityGroup')})`)
@Check('ck_diversity_answers_disability', `disability IN (${answersSql('disability')})`)
@Check('ck_diversity_answers_sexual_orientation', `sexual_orientation IN (${answersSql('sexualOrientation')})`)
@Check('ck_diversity_answers_religion', `religion IN (${answersSql('religion')})`)
export class DiversityAnswer implements DiversityAnswers {
  /** Random, so the key says nothing of the order answers came in. */
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_diversity_answers' })
  id: string;

  /** Null once the candidate has been anonymised. */
  @Column({ type: 'uuid', nullable: true })
  candidateId: string | null;

  @ManyToOne(() => Candidate, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_diversity_answers_candidate_id' })
  candidate?: Relation<Candidate>;

  @Column({ type: 'varchar', length: 30 })
  ageBand: DiversityAnswers['ageBand'];

  @Column({ type: 'varchar', length: 30 })
  sex: DiversityAnswers['sex'];

  @Column({ type: 'varchar', length: 30 })
  ethnicityGroup: DiversityAnswers['ethnicityGroup'];

  @Column({ type: 'varchar', length: 30 })
  disability: DiversityAnswers['disability'];

  @Column({ type: 'varchar', length: 30 })
  sexualOrientation: DiversityAnswers['sexualOrientation'];

  @Column({ type: 'varchar', length: 30 })
  religion: DiversityAnswers['religion'];

  /** The day, never the time. */
  @Column({ type: 'date' })
  answeredOn: string;
}
