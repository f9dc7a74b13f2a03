/** One CSV cell: RFC 4180 quoting; text a spreadsheet would run as a formula is prefixed with '. Null is empty. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV lines (each ending LF), header first, one per row, the cells in `columns` order. */
export function* csvLines<C extends string>(
  columns: readonly C[],
  rows: Iterable<Partial<Record<C, string | number | boolean | null>>>,
): Generator<string> {
  yield `${columns.join(',')}\n`;
  for (const row of rows) yield `${columns.map((c) => csvCell(row[c])).join(',')}\n`;
}
