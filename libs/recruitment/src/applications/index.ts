export { ApplicationPermission, pipelineScopeSql, seesCandidatesWhole } from './application-permissions.js';
export { ApplicationScore } from './application-score.entity.js';
export { ApplicationScoresService, type StageScoring } from './application-scores.service.js';
export { ApplicationStageMove } from './application-stage-move.entity.js';
export { ApplicationTransitionsService, type Transition } from './application-transitions.service.js';
export { Application, MAX_ADJUSTMENTS_LENGTH, MAX_REASON_LENGTH } from './application.entity.js';
export {
  ApplicationInvalid,
  ApplicationNotAtStage,
  ApplicationNotFound,
  AssessmentStageInUse,
  DisabilityConfidentTooLate,
  DuplicateApplication,
  IllegalApplicationMove,
  InterviewGuaranteed,
  VacancyNotTakingApplications,
} from './application.errors.js';
export { ApplicationsDemoSeeder, DEMO_CANDIDATE_DOMAIN } from './applications-demo.seeder.js';
export { APPLICATIONS_ENTITIES, APPLICATIONS_SERVICES } from './applications.providers.js';
export {
  type ApplicationCandidate,
  type ApplicationFilter,
  type ApplicationPatch,
  type ApplicationVacancy,
  type PipelineSettingsRow,
  type StageMoveView,
} from './applications.repository.js';
export {
  ApplicationsService,
  type ApplicationDetailView,
  type ApplicationView,
  type AssessorScores,
  type NewApplication,
  type PipelineSettingsChanges,
  type StageScores,
  type VisibleCandidate,
} from './applications.service.js';
export { AppointmentEffect, EMPLOYMENT_BY_CAMPAIGN_KIND, appointmentStaffNumber } from './appointment.effect.js';
export { ChecksPassedGuard } from './checks-passed.guard.js';
export { ExpireOffersJob } from './expire-offers.job.js';
export { ExpireReserveListsJob } from './expire-reserve-lists.job.js';
export { InterviewPassedGuard } from './interview-passed.guard.js';
export { MoveGuards, type MoveContext, type MoveEffect, type MoveGuard } from './move-guards.js';
export { OfferAcceptedGuard } from './offer-accepted.guard.js';
export { OfferWithdrawnOnEndEffect } from './offer-withdrawn-on-end.effect.js';
export {
  LIVE_OFFER_STATES,
  OFFER_RESPONDERS,
  OFFER_STATES,
  Offer,
  type OfferResponder,
  type OfferState,
} from './offer.entity.js';
export {
  ApplicationNotAtChecks,
  ApplicationNotAtOfferStage,
  CheckNotFound,
  ChecksNotPassed,
  InterviewNotPassed,
  NotOnReserveList,
  OfferExists,
  OfferExpired,
  OfferInvalid,
  OfferNotAccepted,
  OfferNotFound,
  OfferNotOpen,
  OfferSalaryOutOfRange,
  ReservePlacementInvalid,
} from './offer.errors.js';
export { DEMO_APPOINTMENTS, OffersDemoSeeder } from './offers-demo.seeder.js';
export { type VacancyTerms } from './offers.repository.js';
export { OffersService, type NewOffer, type OfferDecision, type OfferView } from './offers.service.js';
export {
  FINAL_STAGES,
  OPEN_STAGES,
  PIPELINE_MOVES,
  PIPELINE_STAGES,
  SCORED_STAGES,
  allowedMoves,
  pipelineMove,
  type PipelineMove,
  type PipelineOptions,
  type PipelineStage,
  type ScoredStage,
} from './pipeline.js';
export {
  CHECK_OUTCOMES,
  CHECK_STATES,
  PreEmploymentCheckRow,
  type CheckOutcome,
  type CheckState,
} from './pre-employment-check.entity.js';
export { PreEmploymentChecksService, type CheckDecision } from './pre-employment-checks.service.js';
export { RESERVE_LIST_EXPIRED, ReserveListService } from './reserve-list.service.js';
export {
  BEHAVIOUR_SCORE,
  DEFAULT_MIN_SIFT_SCORE,
  SUCCESS_PROFILE_BEHAVIOURS,
  TECHNICAL_SCORE,
  combinedScore,
  round2,
  type Behaviour,
  type CombinedScore,
  type ScoreRow,
} from './scoring.js';
export { VacancyPipelineSettings } from './vacancy-pipeline-settings.entity.js';
