import { AUDIT_EXPORT_MAX_ROWS, type AuditLogEntry } from '@veterans/shared';
import { newWorkbook } from '../../../lib/excel';
import { beijingDateTime } from '../../stats/service';

/** Column headers of the audit-log export, in order (the app's table shows the same). */
export const auditExportHeaders = [
  '时间（北京时间）',
  '操作人 ID',
  '操作人角色',
  '操作',
  '对象类型',
  '对象 ID',
  '请求 ID',
  'IP 地址',
  '详情',
] as const;

/**
 * The entries of one audit-log search as an xlsx workbook: one sheet 审计日志 (newest first, Chinese headers,
 * Beijing time), and a last line saying when the export was cut at `AUDIT_EXPORT_MAX_ROWS`. Details carry field
 * names and ids only (never passwords or names), written as JSON.
 */
export async function auditLogWorkbook(
  entries: readonly AuditLogEntry[],
  total: number,
  filters: string,
  now: Date,
): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = '退役军人服务通';
  workbook.created = now;
  const sheet = workbook.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = [18, 10, 12, 28, 14, 14, 26, 18, 60];
  sheet.columns = auditExportHeaders.map((header, index) => ({ header, width: widths[index] }));
  sheet.getRow(1).font = { bold: true };
  for (const entry of entries) {
    sheet.addRow([
      beijingDateTime(new Date(entry.createdAt)),
      entry.actorId,
      entry.actorRole,
      entry.action,
      entry.targetType,
      entry.targetId,
      entry.requestId,
      entry.ip,
      entry.detail ? JSON.stringify(entry.detail) : null,
    ]);
  }
  sheet.addRow([]);
  sheet.addRow([`导出时间：${beijingDateTime(now)}；筛选条件：${filters || '无'}；共 ${total} 条`]);
  if (total > entries.length) {
    sheet.addRow([`只导出了最新的 ${AUDIT_EXPORT_MAX_ROWS} 条，请缩小时间范围后分批导出。`]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `审计日志_20260303-1405.xlsx` (Beijing time) and its ASCII fallback. */
export function auditExportFileNames(now: Date): { utf8: string; ascii: string } {
  const stamp = beijingDateTime(now).replace(/-/g, '').replace(' ', '-').replace(':', '');
  return { utf8: `审计日志_${stamp}.xlsx`, ascii: `audit-log_${stamp}.xlsx` };
}
