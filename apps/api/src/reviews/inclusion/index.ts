import type { Type } from '@nestjs/common';
import { InclusionAssessmentsController } from './inclusion-assessments.controller.js';
import { InclusionController } from './inclusion.controller.js';
import { PulseResponsesController } from './pulse-responses.controller.js';
import { PulsesController } from './pulses.controller.js';

/** Digital inclusion's controllers (assessments, questionnaire, pulses), for ReviewsApiModule. */
export const INCLUSION_CONTROLLERS: Type[] = [
  InclusionAssessmentsController,
  InclusionController,
  PulsesController,
  PulseResponsesController,
];
