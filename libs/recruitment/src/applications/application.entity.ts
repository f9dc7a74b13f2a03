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
import { Candidate } from '../candidates/candidate.entity.js';
import { Vacancy } from '../planning/vacancy.entity.js';
import { PIPELINE_STAGES_SQL, type PipelineStage } from './pipeline.js';

export const MAX_REASON_LENGTH = 2000;
export const MAX_ADJUSTMENTS_LENGTH = 2000;

/**
 * A candidate's application to a vacancy (one per pair), at a stage of the pipeline (`pipeline.ts`, mirrored by
 * `ck_applications_stage`). Every move is a row of `application_stage_moves`; the stage and when it was entered are
 * kept here for the funnel queries (`ix_applications_vacancy_id_stage`). A rejection keeps its reason. Disability
 * Confident: the applicant opted in to the guaranteed interview scheme (on the candidate link, or recorded by HR);
 * one who meets the minimum sift score cannot be rejected at sift. Appointment links the staff record it created
 * (`uq_applications_staff_id`: one application per staff record, and only an appointed one has it); an application
 * made from a reserve-list entry names that entry (`source_application_id`).
 */
@Entity({ name: 'applications' })
@Index('uq_applications_candidate_vacancy', ['candidateId', 'vacancyId'], { unique: true })
@Index('ix_applications_vacancy_id_stage', ['vacancyId', 'stage'])
@Index('ix_applications_created_at_id', ['createdAt', 'id'])
@Check('ck_applications_stage', `stage IN (${PIPELINE_STAGES_SQL})`)
@Check('ck_applications_rejection_reason', `(stage = 'rejected') = (rejection_reason IS NOT NULL)`)
@Index('uq_applications_staff_id', ['staffId'], { unique: true, where: 'staff_id IS NOT NULL' })
@Index('ix_applications_source_application_id', ['sourceApplicationId'])
@Check('ck_applications_appointed_staff', `(stage = 'appointed') = (staff_id IS NOT NULL)`)
@Check('ck_applications_disability_confident', '(disability_confident_at IS NOT NULL) = disability_confident')
@Check('ck_applications_adjustments', '(adjustments IS NULL) = (adjustments_recorded_at IS NULL)')
export class Application {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_applications' })
  id: string;

  @Column({ type: 'uuid' })
  candidateId: string;

  @ManyToOne(() => Candidate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_applications_candidate_id' })
  candidate?: Relation<Candidate>;

  @Column({ type: 'uuid' })
  vacancyId: string;

  @ManyToOne(() => Vacancy, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vacancy_id', foreignKeyConstraintName: 'fk_applications_vacancy_id' })
  vacancy?: Relation<Vacancy>;

  @Column({ type: 'varchar', length: 30, default: 'applied' })
  stage: PipelineStage;

  @Column({ type: 'timestamptz', precision: 3 })
  stageEnteredAt: Date;

  @Column({ type: 'varchar', length: MAX_REASON_LENGTH, nullable: true })
  rejectionReason: string | null;

  @Column({ type: 'boolean', default: false })
  disabilityConfident: boolean;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  disabilityConfidentAt: Date | null;

  /**
   * The reasonable adjustments the applicant asks for (through the candidate link), for HR to arrange: never shown to
   * a panel. Null: none asked for.
   */
  @Column({ type: 'varchar', length: MAX_ADJUSTMENTS_LENGTH, nullable: true })
  adjustments: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  adjustmentsRecordedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3 })
  appliedAt: Date;

  /** The staff record appointment created (through workforce); set exactly when appointed. */
  @Column({ type: 'uuid', nullable: true })
  staffId: string | null;

  @ManyToOne(() => Staff, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_applications_staff_id' })
  staff?: Relation<Staff>;

  /** The reserve-list entry (an application to another vacancy of the campaign) this one was offered from. */
  @Column({ type: 'uuid', nullable: true })
  sourceApplicationId: string | null;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_application_id', foreignKeyConstraintName: 'fk_applications_source_application_id' })
  sourceApplication?: Relation<Application>;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  /** The ETag: a transition is `UPDATE … WHERE id = $1 AND version = $2`. */
  @VersionColumn({ default: 1 })
  version: number;
}
