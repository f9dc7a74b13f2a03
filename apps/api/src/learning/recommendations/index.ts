import type { Type } from '@nestjs/common';
import { RecommendationsController } from './recommendations.controller.js';

/** Recommendations' controllers, for LearningApiModule. */
export const RECOMMENDATIONS_CONTROLLERS: Type[] = [RecommendationsController];
