import { registerConstraintMessages } from '@capability/platform';
import type { Provider, Type } from '@nestjs/common';
import { CandidateRetentionJob } from './candidate-retention.job.js';
import { DiversityAnswerOutcome } from './diversity-answer-outcome.entity.js';
import { DiversityAnswer } from './diversity-answer.entity.js';
import { DiversityDemoSeeder } from './diversity-demo.seeder.js';
import { DiversityRepository } from './diversity.repository.js';
import { DiversityService } from './diversity.service.js';
import { RetentionRepository } from './retention.repository.js';
import { RetentionService } from './retention.service.js';
import { SubjectAccessRepository } from './subject-access.repository.js';
import { SubjectAccessService } from './subject-access.service.js';

/**
 * Privacy: diversity monitoring (aggregate only, suppressed), retention and anonymisation, the subject-access export.
 * Entities, providers and the services other modules may use, gathered here for RecruitmentModule.
 *
 * Tables:
 * - `diversity_answers`: candidate_id (unique; null once anonymised), age_band, sex, ethnicity_group, disability,
 *   sexual_orientation, religion (each from `DIVERSITY_CATEGORIES`, a check), answered_on (the day).
 * - `diversity_answer_outcomes`: diversity_answer_id × vacancy_id, stage: a detached answer's vacancies and the stages
 *   its applications ended at, kept for the aggregate when the candidate is anonymised.
 *
 * The demo department's answers: `DiversityDemoSeeder` (order 190, after the applications' 180).
 *
 * The candidate link that writes them is candidates' (`CandidateLinkService`); `SUBJECT_ACCESS_TABLES` lists every
 * table about a candidate, for the export and the retention job.
 */
export const PRIVACY_ENTITIES: Type[] = [DiversityAnswer, DiversityAnswerOutcome];
export const PRIVACY_SERVICES: Type[] = [DiversityService, RetentionService, SubjectAccessService];
export const PRIVACY_PROVIDERS: Provider[] = [
  DiversityRepository,
  RetentionRepository,
  SubjectAccessRepository,
  ...PRIVACY_SERVICES,
  CandidateRetentionJob,
  DiversityDemoSeeder,
];

registerConstraintMessages({
  uq_diversity_answers_candidate_id: 'This candidate has answered already',
  fk_diversity_answers_candidate_id: 'No such candidate',
});
