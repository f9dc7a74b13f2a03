import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { TestApp } from '../support/app.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Auth = { Authorization: string };
export type Value = string | number | boolean | null;

export interface Sheet {
  header: string[];
  rows: Value[][];
  /** Whether the header row is bold and frozen. */
  boldFrozenHeader: boolean;
}

/** GETs `path` as bytes (supertest would otherwise try to read the body as text), expecting a 200 workbook. */
export async function getXlsx(t: TestApp, path: string, query: Record<string, string>, auth: Auth): Promise<Buffer> {
  const res = await t
    .http()
    .get(path)
    .query(query)
    .set(auth)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  expect(res.status, String(res.body)).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX);
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.xlsx"$/);
  return res.body as Buffer;
}

/** Opens the bytes with exceljs: every sheet by name, its header and rows (an empty cell as null). */
export async function readXlsx(bytes: Buffer): Promise<Record<string, Sheet>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: Record<string, Sheet> = {};
  book.eachSheet((sheet) => {
    const width = sheet.getRow(1).cellCount;
    const valuesOf = (n: number): Value[] =>
      Array.from({ length: width }, (_, i) => {
        const v = sheet.getRow(n).getCell(i + 1).value;
        return v === undefined || v === null || v === '' ? null : (v as Value);
      });
    const header = valuesOf(1).map(String);
    const rows: Value[][] = [];
    for (let n = 2; n <= sheet.rowCount; n++) rows.push(valuesOf(n));
    const view = sheet.views[0] as { state?: string; ySplit?: number } | undefined;
    out[sheet.name] = {
      header,
      rows,
      boldFrozenHeader: sheet.getRow(1).getCell(1).font?.bold === true && view?.state === 'frozen' && view.ySplit === 1,
    };
  });
  return out;
}

/** The About sheet as item → value. */
export const aboutOf = (sheets: Record<string, Sheet>): Record<string, Value> =>
  Object.fromEntries(sheets.About!.rows.map((r) => [String(r[0]), r[1] ?? null]));

/** A JSON figure as the workbook holds it: null stays an empty cell, anything else itself. */
export const cell = (v: unknown): Value =>
  v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : (v as Value);

/** Expects the workbook's first sheet to be About and every sheet's header bold and frozen. */
export function expectWorkbookShape(sheets: Record<string, Sheet>, names: string[]): void {
  expect(Object.keys(sheets)).toEqual(['About', ...names]);
  for (const [name, s] of Object.entries(sheets)) expect(s.boldFrozenHeader, name).toBe(true);
  const about = aboutOf(sheets);
  expect(about['Generated at']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
}
