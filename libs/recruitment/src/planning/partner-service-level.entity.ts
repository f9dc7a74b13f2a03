import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Partner } from './partner.entity.js';

/**
 * The service levels a partner agrees to, each a measurable target the recruitment figures measure per month:
 * - `days-to-shortlist`: at most this many days from a vacancy's close to its shortlist (a whole number, 1–365);
 * - `offer-acceptance-rate`: at least this percentage of offers accepted (0–100);
 * - `candidates-per-post`: at least this many candidates per post advertised (0–1,000).
 */
export const SERVICE_LEVEL_METRICS = ['days-to-shortlist', 'offer-acceptance-rate', 'candidates-per-post'] as const;
export type ServiceLevelMetric = (typeof SERVICE_LEVEL_METRICS)[number];

/** Whether a metric's target is a ceiling (`at-most`) or a floor (`at-least`). */
export const SERVICE_LEVEL_DIRECTION: Readonly<Record<ServiceLevelMetric, 'at-most' | 'at-least'>> = {
  'days-to-shortlist': 'at-most',
  'offer-acceptance-rate': 'at-least',
  'candidates-per-post': 'at-least',
};

/** The range a target of each metric must lie in (the database checks the same). */
export const SERVICE_LEVEL_RANGE: Readonly<Record<ServiceLevelMetric, { min: number; max: number; whole: boolean }>> = {
  'days-to-shortlist': { min: 1, max: 365, whole: true },
  'offer-acceptance-rate': { min: 0, max: 100, whole: false },
  'candidates-per-post': { min: 0, max: 1000, whole: false },
};

@Entity({ name: 'partner_service_levels' })
@Index('uq_partner_service_levels_partner_metric', ['partnerId', 'metric'], { unique: true })
@Check(
  'ck_partner_service_levels_metric',
  `metric IN ('days-to-shortlist', 'offer-acceptance-rate', 'candidates-per-post')`,
)
@Check(
  'ck_partner_service_levels_target_range',
  `(metric = 'days-to-shortlist' AND target BETWEEN 1 AND 365 AND target = trunc(target))
   OR (metric = 'offer-acceptance-rate' AND target BETWEEN 0 AND 100)
   OR (metric = 'candidates-per-post' AND target BETWEEN 0 AND 1000)`,
)
export class PartnerServiceLevel {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_partner_service_levels' })
  id: string;

  @Column({ type: 'uuid' })
  partnerId: string;

  @ManyToOne(() => Partner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partner_id', foreignKeyConstraintName: 'fk_partner_service_levels_partner_id' })
  partner?: Relation<Partner>;

  @Column({ type: 'varchar', length: 30 })
  metric: ServiceLevelMetric;

  /** The target, as a decimal string (one decimal place). */
  @Column({ type: 'numeric', precision: 6, scale: 1 })
  target: string;
}
