import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { xlsxDisposition, xlsxWorkbook } from './xlsx.js';

describe('xlsxWorkbook', () => {
  it('writes About first, then a sheet per table: header bold and frozen, numbers as numbers, null empty', async () => {
    const bytes = await xlsxWorkbook(
      {
        report: 'Test',
        lines: [
          ['k', 5],
          ['Filters', 'none'],
        ],
        generatedAt: new Date('2026-12-03T10:00:00Z'),
      },
      [
        {
          name: 'Cells',
          columns: [
            { key: 'label', header: 'Label' },
            { key: 'n', header: 'N' },
            { key: 'suppressed', header: 'Suppressed' },
          ],
          rows: [
            { label: '=HYPERLINK("x")', n: 12.5, suppressed: false },
            { label: 'hidden', n: null, suppressed: true },
            { label: 'odd', n: Number.NaN, suppressed: false, extra: 'ignored' },
          ],
        },
      ],
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['About', 'Cells']);
    const about = book.getWorksheet('About')!;
    expect(about.getRow(2).values).toEqual([undefined, 'Report', 'Test']);
    expect(about.getRow(3).values).toEqual([undefined, 'k', 5]);
    expect(about.getRow(5).values).toEqual([undefined, 'Generated at', '2026-12-03T10:00:00.000Z']);
    const cells = book.getWorksheet('Cells')!;
    for (const sheet of [about, cells]) {
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
    expect(cells.getRow(1).values).toEqual([undefined, 'Label', 'N', 'Suppressed']);
    // A string stays a string (never a formula); a number a number; null and NaN an empty cell.
    expect(cells.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(cells.getRow(2).getCell(1).value).toBe('=HYPERLINK("x")');
    expect(cells.getRow(2).getCell(2).value).toBe(12.5);
    expect(cells.getRow(2).getCell(3).value).toBe(false);
    expect(cells.getRow(3).getCell(2).value).toBeNull();
    expect(cells.getRow(3).getCell(3).value).toBe(true);
    expect(cells.getRow(4).getCell(2).value).toBeNull();
    expect(cells.getRow(4).cellCount).toBe(3);
  });

  it('names the attachment with safe characters only', () => {
    expect(xlsxDisposition('gaps-"x"/y')).toBe('attachment; filename="gaps--x--y.xlsx"');
  });
});
