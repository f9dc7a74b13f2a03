import type { Type } from '@nestjs/common';
import { LearningRecordsController } from './learning-records.controller.js';

/** Records of learning's controllers (own and staff records, verification), for LearningApiModule. */
export const RECORDS_CONTROLLERS: Type[] = [LearningRecordsController];
