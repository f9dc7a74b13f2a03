import { OrganisationUnit } from '@capability/workforce';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Pulse } from './pulse.entity.js';

/**
 * One anonymous response to a pulse. Anonymous by construction: no staff or user id, no time finer than
 * the day, and a random key (uuid v4, never a sequence) that orders nothing. Who has answered is kept
 * apart, in pulse_respondents, with nothing of the answer. When the pulse closes its answers are
 * rewritten in random order, so neither their place in the table nor the transaction that wrote them
 * matches them to a respondent.
 */
@Entity({ name: 'pulse_answers' })
@Index('ix_pulse_answers_pulse_id_unit_id', ['pulseId', 'unitId'])
@Check('ck_pulse_answers_ratings_range', 'cardinality(ratings) >= 1 AND 1 <= ALL(ratings) AND 5 >= ALL(ratings)')
export class PulseAnswer {
  /** gen_random_uuid() (v4): random, so it says nothing of when the answer was given. */
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_pulse_answers' })
  id: string;

  @Column({ type: 'uuid' })
  pulseId: string;

  @ManyToOne(() => Pulse, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pulse_id', foreignKeyConstraintName: 'fk_pulse_answers_pulse_id' })
  pulse?: Relation<Pulse>;

  /** The respondent's unit when they answered (results are per unit, from 5 answers up). */
  @Column({ type: 'uuid' })
  unitId: string;

  @ManyToOne(() => OrganisationUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_pulse_answers_unit_id' })
  unit?: Relation<OrganisationUnit>;

  /** The day only. */
  @Column({ type: 'date' })
  answeredOn: string;

  /** One rating 1..5 per statement, in the pulse's order. */
  @Column({ type: 'smallint', array: true })
  ratings: number[];
}
