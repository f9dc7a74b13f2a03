import type { Type } from '@nestjs/common';

/** The learning map's controllers (catalogue items, events, the map, import and export), for LearningApiModule. */
export const CATALOGUE_CONTROLLERS: Type[] = [];
