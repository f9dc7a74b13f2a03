import type { Type } from '@nestjs/common';

/** The skills review's controllers (cycles, reviews, gaps), for ReviewsApiModule. */
export const SKILLS_REVIEW_CONTROLLERS: Type[] = [];
