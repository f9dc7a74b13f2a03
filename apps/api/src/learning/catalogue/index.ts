import type { Type } from '@nestjs/common';
import { LearningCatalogueImportExportController } from './learning-catalogue-import-export.controller.js';
import { LearningItemsController } from './learning-items.controller.js';
import { LearningMapController } from './learning-map.controller.js';

/** The learning map's controllers (catalogue items, events, the map, import and export), for LearningApiModule. */
export const CATALOGUE_CONTROLLERS: Type[] = [
  // Before LearningItemsController, so /learning-items/export.csv and /import are not taken for an :id.
  LearningCatalogueImportExportController,
  LearningItemsController,
  LearningMapController,
];
