import type { Type } from '@nestjs/common';

/** Recommendations' controllers, for LearningApiModule. */
export const RECOMMENDATIONS_CONTROLLERS: Type[] = [];
