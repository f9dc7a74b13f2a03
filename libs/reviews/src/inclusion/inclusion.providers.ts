import { registerConstraintMessages } from '@capability/platform';
import type { Provider, Type } from '@nestjs/common';
import { InclusionAssessment } from './inclusion-assessment.entity.js';
import { InclusionAssessmentsRepository } from './inclusion-assessments.repository.js';
import { InclusionAssessmentsService } from './inclusion-assessments.service.js';
import { PulseAnswer } from './pulse-answer.entity.js';
import { PulseAnswersRepository } from './pulse-answers.repository.js';
import { PulseRemindersJob } from './pulse-reminders.job.js';
import { PulseRespondent } from './pulse-respondent.entity.js';
import { PulseResponsesService } from './pulse-responses.service.js';
import { PulseResultsService } from './pulse-results.service.js';
import { Pulse } from './pulse.entity.js';
import { PulsesRepository } from './pulses.repository.js';
import { PulsesService } from './pulses.service.js';

registerConstraintMessages({
  fk_inclusion_assessments_staff_id: 'The member of staff does not exist',
  ck_inclusion_assessments_level_range: 'level must be from 1 to 9',
  fk_pulses_unit_id: 'The organisation unit does not exist, or still has pulses',
  ck_pulses_statements: 'A pulse has 1 to 10 statements',
  ck_pulse_answers_ratings_range: 'Every rating must be from 1 to 5',
  pk_pulse_respondents: 'You have already answered this pulse',
});

/**
 * Digital inclusion: assessments on the 1..9 scale, the questionnaire, and anonymous awareness pulse
 * surveys. Entities, providers and the services other modules may use, gathered here for ReviewsModule.
 */
export const INCLUSION_ENTITIES: Type[] = [InclusionAssessment, Pulse, PulseAnswer, PulseRespondent];
export const INCLUSION_PROVIDERS: Provider[] = [
  InclusionAssessmentsRepository,
  InclusionAssessmentsService,
  PulsesRepository,
  PulseAnswersRepository,
  PulsesService,
  PulseResponsesService,
  PulseResultsService,
  PulseRemindersJob,
];
export const INCLUSION_SERVICES: Type[] = [
  InclusionAssessmentsService,
  PulsesService,
  PulseResponsesService,
  PulseResultsService,
];
