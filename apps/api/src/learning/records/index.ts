import type { Type } from '@nestjs/common';

/** Records of learning's controllers (own and staff records, verification), for LearningApiModule. */
export const RECORDS_CONTROLLERS: Type[] = [];
