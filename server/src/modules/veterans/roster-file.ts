import type { CellValue, Xlsx } from 'exceljs';
import { AppError } from '../../lib/app-error';
import { newWorkbook } from '../../lib/excel';

/**
 * Reading the roster file 退役军人名册: an xlsx workbook (first sheet) or a CSV file, detected by content (an xlsx
 * file is a zip archive starting with "PK"), into plain rows. Row numbers are the ones the admin sees in Excel.
 */
export type Cell = string | number | boolean | Date | null;

export interface SheetRow {
  rowNumber: number;
  cells: Cell[];
}

/** Unpacked size above which an xlsx upload is refused (a 5 MB zip can hide gigabytes). */
export const MAX_UNPACKED_XLSX_BYTES = 100 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 2000;

export function isZip(buffer: Buffer): boolean {
  return buffer.length >= 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04;
}

/**
 * Sum of the uncompressed sizes listed in a zip's central directory, or null when the directory cannot be read
 * (or uses zip64, which a roster never needs).
 */
export function zipUnpackedSize(buffer: Buffer): { entries: number; bytes: number } | null {
  const END_SIGNATURE = 0x06054b50;
  const ENTRY_SIGNATURE = 0x02014b50;
  const lowest = Math.max(0, buffer.length - 22 - 0xffff);
  let end = -1;
  for (let offset = buffer.length - 22; offset >= lowest; offset--) {
    if (buffer.readUInt32LE(offset) === END_SIGNATURE) {
      end = offset;
      break;
    }
  }
  if (end < 0) return null;
  const entries = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  if (entries === 0xffff || offset === 0xffffffff) return null;
  let bytes = 0;
  for (let index = 0; index < entries; index++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== ENTRY_SIGNATURE) return null;
    const size = buffer.readUInt32LE(offset + 24);
    if (size === 0xffffffff) return null;
    bytes += size;
    offset +=
      46 + buffer.readUInt16LE(offset + 28) + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
  }
  return { entries, bytes };
}

/**
 * CSV text as saved by Excel, WPS or a script: UTF-8 with or without BOM. Excel on Chinese Windows saves
 * "CSV" in GBK, so text that is not valid UTF-8 is read as GB18030 (a superset of GBK).
 */
export function decodeCsv(buffer: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(buffer);
    } catch {
      throw new AppError('IMPORT_INVALID_FILE');
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Binary files (old .xls, images, PDFs) decode to text full of control characters.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for binary content on purpose
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) throw new AppError('IMPORT_INVALID_FILE');
  return text;
}

/** RFC 4180 CSV: commas, double quotes (with "" inside), CRLF/LF/CR line ends, line breaks inside quotes. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let index = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (index < text.length) {
    const character = text[index] as string;
    if (quoted) {
      if (character === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        quoted = false;
      } else {
        field += character;
      }
      index++;
      continue;
    }
    if (character === '"' && field.length === 0) quoted = true;
    else if (character === ',') endField();
    else if (character === '\r') {
      endRecord();
      if (text[index + 1] === '\n') index++;
    } else if (character === '\n') endRecord();
    else field += character;
    index++;
  }
  if (field.length > 0 || record.length > 0 || quoted) endRecord();
  return records;
}

type ExcelValue = CellValue | undefined;

/** An exceljs cell value as a plain value: rich text joined, formulas by their result, links by their text. */
export function plainCell(value: ExcelValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return plainCell(value.result as ExcelValue);
    if ('text' in value && typeof value.text === 'string') return value.text;
  }
  return null;
}

async function readXlsx(buffer: Buffer): Promise<SheetRow[]> {
  const unpacked = zipUnpackedSize(buffer);
  if (!unpacked || unpacked.bytes > MAX_UNPACKED_XLSX_BYTES || unpacked.entries > MAX_ZIP_ENTRIES) {
    throw new AppError('IMPORT_INVALID_FILE');
  }
  const workbook = await newWorkbook();
  try {
    await workbook.xlsx.load(buffer as unknown as Parameters<Xlsx['load']>[0]);
  } catch {
    throw new AppError('IMPORT_INVALID_FILE');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('IMPORT_INVALID_FILE');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(plainCell(row.getCell(column).value));
    rows.push({ rowNumber, cells });
  });
  return rows;
}

/** The uploaded file's rows, whichever of the two formats it is; IMPORT_INVALID_FILE when it is neither. */
export async function readRosterFile(buffer: Buffer): Promise<SheetRow[]> {
  if (buffer.length === 0) throw new AppError('IMPORT_INVALID_FILE');
  if (isZip(buffer)) return readXlsx(buffer);
  return parseCsv(decodeCsv(buffer)).map((cells, index) => ({ rowNumber: index + 1, cells }));
}
