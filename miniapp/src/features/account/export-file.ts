import type { MyDataExport } from './api';

/** The export as a file: pretty-printed JSON, named after the day it was made. */
export function exportJson(data: MyDataExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

export function exportFileName(data: MyDataExport): string {
  return `我的数据-${data.exportedAt.slice(0, 10)}.json`;
}
