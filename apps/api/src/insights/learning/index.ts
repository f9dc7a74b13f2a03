import type { Type } from '@nestjs/common';
import { LearningInsightsXlsxController } from './learning-xlsx.controller.js';
import { LearningInsightsController } from './learning.controller.js';

/** Learning: completions and hours, inclusion package uptake, whether gaps closed for those who learned. Controllers for InsightsApiModule. */
export const LEARNING_INSIGHTS_CONTROLLERS: Type[] = [LearningInsightsController, LearningInsightsXlsxController];
