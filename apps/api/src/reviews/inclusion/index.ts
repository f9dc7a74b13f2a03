import type { Type } from '@nestjs/common';

/** Digital inclusion's controllers (assessments, questionnaire, pulses), for ReviewsApiModule. */
export const INCLUSION_CONTROLLERS: Type[] = [];
