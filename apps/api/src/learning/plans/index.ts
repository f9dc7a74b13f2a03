import type { Type } from '@nestjs/common';

/** Capability action plans' controllers, for LearningApiModule. */
export const PLANS_CONTROLLERS: Type[] = [];
