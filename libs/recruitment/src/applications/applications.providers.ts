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
import { DisabilityConfidentGuard } from './disability-confident.guard.js';
import { MoveGuards } from './move-guards.js';
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
 *
 * The demo department's candidates and applications: `ApplicationsDemoSeeder` (order 180, after planning's 170).
 *
 * A rule on some moves is a `MoveGuard` provider (it registers itself with `MoveGuards`): add one here.
 */
export const APPLICATIONS_ENTITIES: Type[] = [
  Application,
  ApplicationStageMove,
  ApplicationScore,
  VacancyPipelineSettings,
];
export const APPLICATIONS_SERVICES: Type[] = [
  ApplicationsService,
  ApplicationTransitionsService,
  ApplicationScoresService,
];
export const APPLICATIONS_PROVIDERS: Provider[] = [
  ApplicationsRepository,
  MoveGuards,
  ...APPLICATIONS_SERVICES,
  DisabilityConfidentGuard,
  ApplicationsDemoSeeder,
];

registerConstraintMessages({
  uq_applications_candidate_vacancy: 'This candidate has already applied to this vacancy',
  fk_applications_candidate_id: 'No such candidate',
  fk_applications_vacancy_id: 'No such vacancy',
  ck_applications_rejection_reason: 'A rejected application keeps its reason',
  ck_application_scores_range: 'A behaviour is scored 1 to 7, a technical skill 0 to 4',
  ck_vacancy_pipeline_settings_min_sift_score: 'A minimum sift score is from 1 to 7',
});
