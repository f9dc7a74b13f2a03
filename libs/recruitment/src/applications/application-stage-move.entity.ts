import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Application, MAX_REASON_LENGTH } from './application.entity.js';
import { PIPELINE_STAGES_SQL, type PipelineStage } from './pipeline.js';

/**
 * One move of an application through the pipeline: from (null for the application itself, into `applied`), to, who
 * (a user; null for the system or an import), when and why. Written in the transaction that moves the application,
 * never changed.
 */
@Entity({ name: 'application_stage_moves' })
@Index('ix_application_stage_moves_application_id_moved_at', ['applicationId', 'movedAt'])
@Index('ix_application_stage_moves_to_stage', ['toStage'])
@Check('ck_application_stage_moves_from_stage', `from_stage IS NULL OR from_stage IN (${PIPELINE_STAGES_SQL})`)
@Check('ck_application_stage_moves_to_stage', `to_stage IN (${PIPELINE_STAGES_SQL})`)
export class ApplicationStageMove {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_application_stage_moves' })
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_application_stage_moves_application_id' })
  application?: Relation<Application>;

  @Column({ type: 'varchar', length: 30, nullable: true })
  fromStage: PipelineStage | null;

  @Column({ type: 'varchar', length: 30 })
  toStage: PipelineStage;

  @Column({ type: 'uuid', nullable: true })
  movedByUserId: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  movedAt: Date;

  @Column({ type: 'varchar', length: MAX_REASON_LENGTH, nullable: true })
  reason: string | null;
}
