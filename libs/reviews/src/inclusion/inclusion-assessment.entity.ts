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
  type Relation,
} from 'typeorm';
import type { QuestionnaireAnswers } from './inclusion-questionnaire.js';

/** self: the person; assisted: someone supporting them (line manager, HR); questionnaire: derived from answers. */
export const ASSESSMENT_METHODS = ['self', 'assisted', 'questionnaire'] as const;
export type AssessmentMethod = (typeof ASSESSMENT_METHODS)[number];

/**
 * A dated digital inclusion assessment of one member of staff on the 1..9 scale. History is kept: the
 * latest (by date, then by when it was recorded) is the person's current level.
 */
@Entity({ name: 'inclusion_assessments' })
@Index('ix_inclusion_assessments_staff_id_assessed_on', ['staffId', 'assessedOn', 'createdAt', 'id'])
@Check('ck_inclusion_assessments_level_range', 'level BETWEEN 1 AND 9')
@Check('ck_inclusion_assessments_method', `method IN ('self', 'assisted', 'questionnaire')`)
@Check('ck_inclusion_assessments_answers_iff_questionnaire', `(method = 'questionnaire') = (answers IS NOT NULL)`)
export class InclusionAssessment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_inclusion_assessments' })
  id: string;

  @Column({ type: 'uuid' })
  staffId: string;

  @ManyToOne(() => Staff, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_inclusion_assessments_staff_id' })
  staff?: Relation<Staff>;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'varchar', length: 20 })
  method: AssessmentMethod;

  /** Never in the future (checked when recorded: a check constraint cannot read the date). */
  @Column({ type: 'date' })
  assessedOn: string;

  /** The user who recorded it (the person, or whoever assisted them). */
  @Column({ type: 'uuid', nullable: true })
  recordedByUserId: string | null;

  /** The questionnaire's answers, for a derived assessment only. */
  @Column({ type: 'jsonb', nullable: true })
  answers: QuestionnaireAnswers | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
