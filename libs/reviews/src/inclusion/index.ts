export { ASSESSMENT_METHODS, InclusionAssessment, type AssessmentMethod } from './inclusion-assessment.entity.js';
export {
  InclusionAssessmentsService,
  type InclusionAssessmentView,
  type InclusionSummary,
  type NewInclusionAssessment,
} from './inclusion-assessments.service.js';
export { InclusionPermission } from './inclusion-permissions.js';
export {
  BASIC_TASKS,
  DERIVATION_TABLE,
  ONLINE_ANSWERS,
  QUESTIONNAIRE,
  deriveInclusionLevel,
  type OnlineAnswer,
  type QuestionnaireAnswers,
  type QuestionnaireQuestion,
} from './inclusion-questionnaire.js';
export {
  AssessmentDateInFuture,
  AssessmentMethodMismatch,
  AssessmentNotAllowed,
  NoStaffRecord,
  PulseAlreadyAnswered,
  PulseClosesTooEarly,
  PulseNotFound,
  PulseRatingsMismatch,
  PulseStateConflict,
} from './inclusion.errors.js';
export { PulseAnswer } from './pulse-answer.entity.js';
export { PULSE_REMINDER_TEMPLATE } from './pulse-answers.repository.js';
export { PULSE_REMINDER_DAYS_BEFORE, PulseRemindersJob } from './pulse-reminders.job.js';
export { PulseRespondent } from './pulse-respondent.entity.js';
export { PulseResponsesService, type PulseReceipt } from './pulse-responses.service.js';
export {
  PulseResultsService,
  type PulseResults,
  type StatementResult,
  type StatementTrend,
  type TrendPoint,
  type UnitRef,
} from './pulse-results.service.js';
export { PULSE_STATES, pulseAllows, pulseTakesAnswers, pulseTransition, type PulseState } from './pulse-states.js';
export { MIN_RESPONSES, cellsToSuppress, resultCell, type ResultCell } from './pulse-suppression.js';
export { Pulse } from './pulse.entity.js';
export { type PulseFilter, type PulseForStaff, type PulsePatch } from './pulses.repository.js';
export { PulsesService, type NewPulse } from './pulses.service.js';
