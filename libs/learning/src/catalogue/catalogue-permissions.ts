/** auth's `Permission.LearningItemManage` (auth depends on the contexts, not the other way round). */
export const CATALOGUE_MANAGE_PERMISSION = 'learning-item:manage';
/** auth's `Permission.LearningCatalogueImport`. */
export const CATALOGUE_IMPORT_PERMISSION = 'learning-catalogue:import';
