import { parseIdNumber, personNameSchema, phoneSchema } from '@veterans/shared';
import { AppError } from '../../lib/app-error';
import { isWithinScope } from '../org-units/scope';
import type { Cell, SheetRow } from './roster-file';
import { normaliseIdNumber, normaliseName } from './roster-match';

/**
 * Deciding what each roster row means: which columns hold what, which rows are valid, and what an import
 * changes. Pure functions; the import service does the reading, hashing and writing around them.
 */
export type RosterField = 'name' | 'idNumber' | 'dischargeDate' | 'community' | 'phone';

const HEADER_ALIASES: Record<RosterField, readonly string[]> = {
  name: ['姓名', 'name'],
  idNumber: ['身份证号码', '身份证号', '公民身份号码', 'idnumber', 'id_number'],
  dischargeDate: ['退役日期', '退役时间', 'dischargedate', 'discharge_date'],
  community: ['所属社区', '社区', 'community'],
  phone: ['手机号码', '手机号', '联系电话', '电话', 'phone', 'mobile'],
};
const REQUIRED_FIELDS: readonly RosterField[] = ['name', 'idNumber', 'community'];
const FIELD_LABELS: Record<RosterField, string> = {
  name: '姓名',
  idNumber: '身份证号码',
  dischargeDate: '退役日期',
  community: '所属社区',
  phone: '手机号码',
};
/** A title line or two above the header is common in bureau spreadsheets. */
const HEADER_SEARCH_ROWS = 10;

export type ColumnMap = Partial<Record<RosterField, number>>;

function normaliseHeader(cell: Cell): string {
  return typeof cell === 'string' ? cell.replace(/[\s*＊\uFEFF]/g, '').toLowerCase() : '';
}

function columnsOf(row: SheetRow): ColumnMap {
  const columns: ColumnMap = {};
  row.cells.forEach((cell, index) => {
    const header = normaliseHeader(cell);
    for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [RosterField, readonly string[]][]) {
      if (columns[field] === undefined && aliases.includes(header)) columns[field] = index;
    }
  });
  return columns;
}

/** Finds the header row (姓名, 身份证号码, 退役日期, 所属社区 or name, idNumber, dischargeDate, community). */
export function locateHeader(rows: readonly SheetRow[]): { headerIndex: number; columns: ColumnMap } {
  let best: { headerIndex: number; columns: ColumnMap } | undefined;
  for (const [index, row] of rows.slice(0, HEADER_SEARCH_ROWS).entries()) {
    const columns = columnsOf(row);
    if (REQUIRED_FIELDS.every((field) => columns[field] !== undefined)) return { headerIndex: index, columns };
    if (!best || Object.keys(columns).length > Object.keys(best.columns).length) best = { headerIndex: index, columns };
  }
  const missing = REQUIRED_FIELDS.filter((field) => best?.columns[field] === undefined).map((f) => FIELD_LABELS[f]);
  throw new AppError(
    'IMPORT_INVALID_FILE',
    `花名册缺少必需的列：${missing.join('、')}（第一行应为表头：姓名、身份证号码、退役日期、所属社区）`,
  );
}

export interface RawRosterRecord {
  row: number;
  name: Cell;
  idNumber: Cell;
  dischargeDate: Cell;
  community: Cell;
  /** Undefined when the file has no phone column: the phones the roster holds stay as they are. */
  phone?: Cell | undefined;
}

function isBlank(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** The data rows under the header; wholly empty rows are skipped (not counted). */
export function rosterRecords(rows: readonly SheetRow[]): RawRosterRecord[] {
  const { headerIndex, columns } = locateHeader(rows);
  const at = (row: SheetRow, field: RosterField): Cell => {
    const column = columns[field];
    return column === undefined ? null : (row.cells[column] ?? null);
  };
  return rows
    .slice(headerIndex + 1)
    .map((row) => ({
      row: row.rowNumber,
      name: at(row, 'name'),
      idNumber: at(row, 'idNumber'),
      dischargeDate: at(row, 'dischargeDate'),
      community: at(row, 'community'),
      phone: columns.phone === undefined ? undefined : at(row, 'phone'),
    }))
    .filter(
      (record) =>
        ![record.name, record.idNumber, record.dischargeDate, record.community, record.phone ?? null].every(isBlank),
    );
}

export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/**
 * An ID number cell as text. Spreadsheets keep long digit strings as text only when told to: `'4110…`,
 * `="4110…"` and spaces between groups are accepted; a number cell has already lost its last digits.
 */
export function idNumberText(cell: Cell): { value: string } | { problem: 'empty' | 'numeric' } {
  if (typeof cell === 'number') {
    return Number.isSafeInteger(cell) ? { value: String(cell) } : { problem: 'numeric' };
  }
  let text = cellText(cell).replace(/\s+/g, '');
  const formula = /^="(.*)"$/.exec(text);
  if (formula) text = formula[1] as string;
  text = text.replace(/^['\t]/, '');
  return text ? { value: normaliseIdNumber(text) } : { problem: 'empty' };
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || year < 1900) return null;
  return date.toISOString().slice(0, 10);
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A discharge date cell: a date cell, an Excel serial number, or text such as 2010-12-01, 2010/12/1, 2010.12.1,
 * 2010年12月1日 or 20101201. Empty is allowed (date unknown); anything else is "invalid".
 */
export function dischargeDateOf(cell: Cell): string | null | 'invalid' {
  if (isBlank(cell)) return null;
  if (cell instanceof Date) {
    return isoDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate()) ?? 'invalid';
  }
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 19000101 && cell <= 29991231) return dischargeDateOf(String(cell));
    if (cell >= 1 && cell < 80000) {
      const date = new Date(EXCEL_EPOCH + Math.floor(cell) * 86_400_000);
      return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()) ?? 'invalid';
    }
    return 'invalid';
  }
  const text = cellText(cell).replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '');
  const match =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text) ?? undefined;
  if (!match) return 'invalid';
  return isoDate(Number(match[1]), Number(match[2]), Number(match[3])) ?? 'invalid';
}

/** A phone cell: a mobile number as text or number, spaces and dashes allowed; empty is null. */
export function phoneOf(cell: Cell): string | null | 'invalid' {
  if (isBlank(cell)) return null;
  const text = cellText(cell)
    .replace(/[\s-]/g, '')
    .replace(/^\+?86/, '');
  const parsed = phoneSchema.safeParse(text);
  return parsed.success ? parsed.data : 'invalid';
}

export interface UnitRef {
  id: number;
  code: string;
  name: string;
}

const STATION_SUFFIX = '退役军人服务站';

/** Resolves a community cell: an org unit code, its exact name, or its name without "退役军人服务站". */
export function communityResolver(units: readonly UnitRef[]): (text: string) => number | undefined {
  const byCode = new Map(units.map((unit) => [unit.code.toLowerCase(), unit.id]));
  const byName = new Map(units.map((unit) => [unit.name, unit.id]));
  const byShortName = new Map<string, number | null>();
  for (const unit of units) {
    if (!unit.name.endsWith(STATION_SUFFIX)) continue;
    const short = unit.name.slice(0, -STATION_SUFFIX.length);
    byShortName.set(short, byShortName.has(short) ? null : unit.id);
  }
  return (text) => {
    const value = text.trim();
    return byCode.get(value.toLowerCase()) ?? byName.get(value) ?? byShortName.get(value) ?? undefined;
  };
}

export interface ValidRosterRow {
  row: number;
  name: string;
  idNumber: string;
  dischargeDate: string | null;
  communityUnitId: number;
  /** Null: the row has no phone; undefined: the file has no phone column. */
  phone?: string | null | undefined;
}

export interface RosterRejection {
  row: number;
  reason: string;
}

/**
 * Checks every record and says why a row is rejected, in Chinese, without repeating its personal data
 * (rejections are stored with the import). All problems of a row are listed together.
 */
export function validateRosterRecords(
  records: readonly RawRosterRecord[],
  units: readonly UnitRef[],
  today: string,
): { valid: ValidRosterRow[]; rejections: RosterRejection[] } {
  const resolveCommunity = communityResolver(units);
  const firstRowOfId = new Map<string, number>();
  const valid: ValidRosterRow[] = [];
  const rejections: RosterRejection[] = [];

  for (const record of records) {
    const problems: string[] = [];

    const name = normaliseName(cellText(record.name));
    if (!name) problems.push('姓名为空');
    else if (!personNameSchema.safeParse(name).success) problems.push('姓名格式不正确');

    const id = idNumberText(record.idNumber);
    let idNumber: string | undefined;
    let birthDate: string | undefined;
    if ('problem' in id) {
      problems.push(
        id.problem === 'empty'
          ? '身份证号码为空'
          : '身份证号码被保存为数字，末几位已丢失，请将该列设置为“文本”格式后重新填写',
      );
    } else {
      const facts = parseIdNumber(id.value);
      if (!facts) problems.push('身份证号码不正确（位数、出生日期或校验位有误）');
      else {
        const first = firstRowOfId.get(id.value);
        if (first !== undefined) problems.push(`身份证号码与第 ${first} 行重复`);
        else firstRowOfId.set(id.value, record.row);
        idNumber = id.value;
        birthDate = facts.birthDate;
      }
    }

    const communityText = cellText(record.community);
    const communityUnitId = communityText ? resolveCommunity(communityText) : undefined;
    if (!communityText) problems.push('所属社区为空');
    else if (communityUnitId === undefined) problems.push('所属社区不存在（请填写服务站编码或完整名称）');

    const dischargeDate = dischargeDateOf(record.dischargeDate);
    if (dischargeDate === 'invalid') problems.push('退役日期格式不正确（应为 2010-12-01 这样的日期）');
    else if (dischargeDate !== null && dischargeDate > today) problems.push('退役日期晚于今天');
    else if (dischargeDate !== null && birthDate !== undefined && dischargeDate <= birthDate) {
      problems.push('退役日期早于出生日期');
    }

    const phone = record.phone === undefined ? undefined : phoneOf(record.phone);
    if (phone === 'invalid') problems.push('手机号码格式不正确（应为 11 位手机号）');

    if (
      problems.length > 0 ||
      !idNumber ||
      communityUnitId === undefined ||
      dischargeDate === 'invalid' ||
      phone === 'invalid'
    ) {
      rejections.push({ row: record.row, reason: problems.join('；') });
      continue;
    }
    valid.push({ row: record.row, name, idNumber, dischargeDate, communityUnitId, phone });
  }
  return { valid, rejections };
}

export interface HashedRosterRow extends ValidRosterRow {
  idNumberHash: string;
  nameHash: string;
  phoneHash?: string | null | undefined;
}

export interface ExistingRosterRow {
  id: number;
  nameHash: string;
  phoneHash: string | null;
  dischargeDate: string | null;
  communityUnitId: number;
}

/** Splits valid rows into new ones, changed ones and ones the roster already holds exactly so. */
export function classifyRosterRows(
  rows: readonly HashedRosterRow[],
  existing: ReadonlyMap<string, ExistingRosterRow>,
): { added: HashedRosterRow[]; updated: (HashedRosterRow & { existingId: number })[]; unchanged: number } {
  const added: HashedRosterRow[] = [];
  const updated: (HashedRosterRow & { existingId: number })[] = [];
  let unchanged = 0;
  for (const row of rows) {
    const current = existing.get(row.idNumberHash);
    if (!current) added.push(row);
    else if (
      current.nameHash === row.nameHash &&
      (row.phoneHash === undefined || current.phoneHash === row.phoneHash) &&
      current.dischargeDate === row.dischargeDate &&
      current.communityUnitId === row.communityUnitId
    ) {
      unchanged++;
    } else updated.push({ ...row, existingId: current.id });
  }
  return { added, updated, unchanged };
}

/** Today's date in China (the roster's dates are Beijing dates). */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export const ROSTER_OUT_OF_SCOPE = '所属社区不在您的管辖范围内';
export const ROSTER_HELD_ELSEWHERE = '该退役军人已登记在您管辖范围以外的社区，请联系区中心调整';

/**
 * An admin imports for their own subtree only: a row is rejected when its community lies outside it, or when
 * the person is already on the roster of a community outside it (the import would move them into the admin's
 * reach). `unitPaths` maps every unit id to its path.
 */
export function rowsInScope<Row extends { row: number; idNumberHash: string; communityUnitId: number }>(
  rows: readonly Row[],
  existing: ReadonlyMap<string, Pick<ExistingRosterRow, 'communityUnitId'>>,
  unitPaths: ReadonlyMap<number, string>,
  scopePath: string,
): { kept: Row[]; rejections: RosterRejection[] } {
  const inScope = (unitId: number | null | undefined) =>
    unitId !== null && unitId !== undefined && isWithinScope(scopePath, unitPaths.get(unitId) ?? '');
  const kept: Row[] = [];
  const rejections: RosterRejection[] = [];
  for (const row of rows) {
    const current = existing.get(row.idNumberHash);
    if (!inScope(row.communityUnitId)) rejections.push({ row: row.row, reason: ROSTER_OUT_OF_SCOPE });
    else if (current && !inScope(current.communityUnitId))
      rejections.push({ row: row.row, reason: ROSTER_HELD_ELSEWHERE });
    else kept.push(row);
  }
  return { kept, rejections };
}
