import type { Type } from '@nestjs/common';
import { ActionPlansController } from './action-plans.controller.js';

/** Capability action plans' controllers, for LearningApiModule. */
export const PLANS_CONTROLLERS: Type[] = [ActionPlansController];
