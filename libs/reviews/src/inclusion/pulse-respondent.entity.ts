import { Staff } from '@capability/workforce';
import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Pulse } from './pulse.entity.js';

/**
 * Who has answered a pulse (one response each; reminders go to the others), and nothing more: no time,
 * no link to the answer. Written in the same transaction as the answer.
 */
@Entity({ name: 'pulse_respondents' })
@Index('ix_pulse_respondents_staff_id', ['staffId'])
export class PulseRespondent {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_pulse_respondents' })
  pulseId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_pulse_respondents' })
  staffId: string;

  @ManyToOne(() => Pulse, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pulse_id', foreignKeyConstraintName: 'fk_pulse_respondents_pulse_id' })
  pulse?: Relation<Pulse>;

  @ManyToOne(() => Staff, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_pulse_respondents_staff_id' })
  staff?: Relation<Staff>;
}
