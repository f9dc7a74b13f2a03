/**
 * A cycle's results file: one row per rating. The import reads the first four columns; the export writes all
 * seven, and the import accepts (and ignores) the last three, so an exported file imports back as a no-op.
 */
export const RESULTS_IMPORT_COLUMNS = ['staff_number', 'skill_slug', 'self_level', 'validated_level'] as const;
export const RESULTS_EXPORT_ONLY_COLUMNS = ['role_level_slug', 'required_level', 'state'] as const;
export const RESULTS_CSV_COLUMNS = [...RESULTS_IMPORT_COLUMNS, ...RESULTS_EXPORT_ONLY_COLUMNS] as const;

export type ResultsImportColumn = (typeof RESULTS_IMPORT_COLUMNS)[number];
export type ResultsCsvColumn = (typeof RESULTS_CSV_COLUMNS)[number];

/** What a column holds, for the OpenAPI description. */
export const RESULTS_CSV_COLUMN_DOCS: Record<ResultsCsvColumn, string> = {
  staff_number: 'required; the staff number of a person with a review in the cycle',
  skill_slug:
    "required; a skill of the cycle's framework version: one the person's role level requires, or an extra skill; " +
    'each (staff_number, skill_slug) once in the file',
  self_level: 'optional; the self-assessed level, 0 to 4; empty = not rated',
  validated_level: 'optional; the level agreed with the line manager, 0 to 4; empty = not agreed',
  role_level_slug: "export only (ignored by the import): the reviewee's role level, as the cycle snapshotted it",
  required_level: 'export only (ignored by the import): the level the role level requires (empty for an extra skill)',
  state: 'export only (ignored by the import): the review state',
};
