import { registerConstraintMessages } from '@capability/platform';
import type { Provider, Type } from '@nestjs/common';
import { ApplicationScore } from './application-score.entity.js';
import { ApplicationScoresService } from './application-scores.service.js';
import { ApplicationStageMove } from './application-stage-move.entity.js';
import { ApplicationTransitionsService } from './application-transitions.service.js';
import { Application } from './application.entity.js';
import { ApplicationsDemoSeeder } from './applications-demo.seeder.js';
import { ApplicationsRepository } from './applications.repository.js';
import { ApplicationsService } from './applications.service.js';
import { AppointmentEffect } from './appointment.effect.js';
import { ChecksPassedGuard } from './checks-passed.guard.js';
import { DisabilityConfidentGuard } from './disability-confident.guard.js';
import { ExpireOffersJob } from './expire-offers.job.js';
import { ExpireReserveListsJob } from './expire-reserve-lists.job.js';
import { InterviewPassedGuard } from './interview-passed.guard.js';
import { MoveGuards } from './move-guards.js';
import { OfferAcceptedGuard } from './offer-accepted.guard.js';
import { OfferWithdrawnOnEndEffect } from './offer-withdrawn-on-end.effect.js';
import { Offer } from './offer.entity.js';
import { OffersDemoSeeder } from './offers-demo.seeder.js';
import { OffersRepository } from './offers.repository.js';
import { OffersService } from './offers.service.js';
import { PreEmploymentCheckRow } from './pre-employment-check.entity.js';
import { PreEmploymentChecksEffect } from './pre-employment-checks.effect.js';
import { PreEmploymentChecksService } from './pre-employment-checks.service.js';
import { ReserveListService } from './reserve-list.service.js';
import { VacancyPipelineSettings } from './vacancy-pipeline-settings.entity.js';

/**
 * Applications: the pipeline (a table of allowed moves), scores, name-blind sift, Disability Confident, offers, pre-employment checks, appointment through workforce, reserve lists.
 * Entities, providers and the services other modules may use, gathered here for RecruitmentModule.
 *
 * Tables:
 * - `applications`: candidate_id × vacancy_id (unique), stage (`pipeline.ts`, a check), stage_entered_at,
 *   rejection_reason (iff rejected), disability_confident (and when), applied_at; version.
 * - `application_stage_moves`: application_id, from_stage (null for the first), to_stage, moved_by_user_id, moved_at,
 *   reason: every move, never changed.
 * - `application_scores`: application_id, stage (sift, interview, assessment), assessor_user_id, kind (behaviour 1..7
 *   or technical 0..4), criterion (a behaviour or a skill slug), score, scored_at.
 * - `vacancy_pipeline_settings`: vacancy_id, min_sift_score, has_assessment; version (no row: the defaults).
 * - `offers`: application_id, state (made → accepted | declined | withdrawn | expired), salary, starts_on, expires_on,
 *   location_id, who made it and when, the answer (when, by HR or the candidate), a withdrawal's reason; version. One
 *   live (made or accepted) per application: `uq_offers_application_live`, a partial unique index.
 * - `pre_employment_checks`: application_id × check (unique), state (pending, passed, failed), who decided and when,
 *   a note; version. Created pending, one per check the vacancy requires, when the offer is accepted.
 * - `applications.staff_id` (unique; set exactly when appointed) and `applications.source_application_id` (the
 *   reserve-list entry an application was offered from).
 * - `recruitment_offers_awaiting_start` (a hand-written view, planning's seam): accepted offers whose person is not
 *   yet in post.
 *
 * The demo department's candidates and applications: `ApplicationsDemoSeeder` (order 180, after planning's 170); its
 * offers, checks and appointments: `OffersDemoSeeder` (order 190).
 * Jobs: `expire-offers` and `expire-reserve-lists`, daily.
 *
 * A rule on some moves is a `MoveGuard` provider (it registers itself with `MoveGuards`): add one here.
 */
export const APPLICATIONS_ENTITIES: Type[] = [
  Application,
  ApplicationStageMove,
  ApplicationScore,
  VacancyPipelineSettings,
  Offer,
  PreEmploymentCheckRow,
];
export const APPLICATIONS_SERVICES: Type[] = [
  ApplicationsService,
  ApplicationTransitionsService,
  ApplicationScoresService,
  OffersService,
  PreEmploymentChecksService,
  ReserveListService,
];
export const APPLICATIONS_PROVIDERS: Provider[] = [
  ApplicationsRepository,
  OffersRepository,
  MoveGuards,
  ...APPLICATIONS_SERVICES,
  DisabilityConfidentGuard,
  InterviewPassedGuard,
  OfferAcceptedGuard,
  ChecksPassedGuard,
  PreEmploymentChecksEffect,
  AppointmentEffect,
  OfferWithdrawnOnEndEffect,
  ExpireOffersJob,
  ExpireReserveListsJob,
  ApplicationsDemoSeeder,
  OffersDemoSeeder,
];

registerConstraintMessages({
  uq_applications_candidate_vacancy: 'This candidate has already applied to this vacancy',
  fk_applications_candidate_id: 'No such candidate',
  fk_applications_vacancy_id: 'No such vacancy',
  ck_applications_rejection_reason: 'A rejected application keeps its reason',
  ck_application_scores_range: 'A behaviour is scored 1 to 7, a technical skill 0 to 4',
  ck_vacancy_pipeline_settings_min_sift_score: 'A minimum sift score is from 1 to 7',
  uq_offers_application_live: 'The application already has a live offer',
  uq_applications_staff_id: 'This staff record was already appointed from another application',
  ck_applications_appointed_staff: 'An appointed application keeps its staff record, and only an appointed one',
  fk_offers_location_id: 'No such location',
  uq_pre_employment_checks_application_check: 'The application already has this check',
});
