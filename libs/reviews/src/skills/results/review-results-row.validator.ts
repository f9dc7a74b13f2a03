import { readCsvHeader, unescapeFormula, type ImportRowError } from '@capability/workforce';
import {
  RESULTS_EXPORT_ONLY_COLUMNS,
  RESULTS_IMPORT_COLUMNS,
  type ResultsCsvColumn,
  type ResultsImportColumn,
} from './review-results-csv.js';

/** A row that passed every check that needs only the row itself; the rest is checked in SQL. */
export interface ResultRow {
  row: number;
  staffNumber: string;
  skillSlug: string;
  selfLevel: number | null;
  validatedLevel: number | null;
}

type Report = (error: ImportRowError) => void;

const STAFF_NUMBER = /^[^\s\p{Cc}]{1,30}$/u;
const SKILL_SLUG = /^[^\s\p{Cc}]{1,120}$/u;
const LEVEL = /^[0-4]$/;

/**
 * Where each column is. The header names the four import columns once each, in any order (case and surrounding
 * spaces ignored); the export's three extra columns may be there too (and are ignored); nothing else.
 */
export function readResultsHeader(cells: string[]): {
  index: Record<ResultsImportColumn, number>;
  errors: ImportRowError[];
} {
  return readCsvHeader(cells, RESULTS_IMPORT_COLUMNS, RESULTS_EXPORT_ONLY_COLUMNS);
}

/** Checks one data row on its own: the shape of each cell. Whether the person and skill exist is asked in SQL. */
export class ResultRowValidator {
  constructor(
    private readonly index: Record<ResultsImportColumn, number>,
    private readonly columnCount: number,
  ) {}

  validate(cells: string[], row: number, report: Report): ResultRow | null {
    if (cells.length !== this.columnCount) {
      report({ row, column: null, message: `Expected ${this.columnCount} cells, found ${cells.length}` });
      return null;
    }
    let ok = true;
    const fail = (column: ResultsCsvColumn, message: string): null => {
      ok = false;
      report({ row, column, message });
      return null;
    };
    const cell = (column: ResultsImportColumn): string => unescapeFormula((cells[this.index[column]] ?? '').trim());
    const level = (column: ResultsImportColumn): number | null => {
      const value = cell(column);
      if (!value) return null;
      return LEVEL.test(value) ? Number(value) : fail(column, `${column} must be a whole number from 0 to 4, or empty`);
    };
    let staffNumber: string | null = cell('staff_number');
    if (!staffNumber) staffNumber = fail('staff_number', 'staff_number is required');
    else if (!STAFF_NUMBER.test(staffNumber)) {
      staffNumber = fail('staff_number', 'staff_number must be 1-30 characters without spaces');
    }
    let skillSlug: string | null = cell('skill_slug');
    if (!skillSlug) skillSlug = fail('skill_slug', 'skill_slug is required');
    else if (!SKILL_SLUG.test(skillSlug)) {
      skillSlug = fail('skill_slug', 'skill_slug must be 1-120 characters without spaces');
    }
    const selfLevel = level('self_level');
    const validatedLevel = level('validated_level');
    if (!ok || !staffNumber || !skillSlug) return null;
    return { row, staffNumber, skillSlug, selfLevel, validatedLevel };
  }
}
