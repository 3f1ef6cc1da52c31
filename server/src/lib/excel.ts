import type { Workbook } from 'exceljs';

/**
 * A new exceljs workbook, the library loaded on first use: it holds ~30 MB of memory that only the xlsx export
 * and the roster import need, not every API process from start-up.
 */
export async function newWorkbook(): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  return new ExcelJS.Workbook();
}
