import Taro from '@tarojs/taro';
import { API_BASE } from '../../api/base-url';
import { ApiError, errorFromResponse, NETWORK_ERROR_MESSAGE, renewSession } from '../../api/client';
import { session } from '../../api/session';
import { exportStats } from '../stats/download';
import { type AuditFilter, type RosterReport, rosterReportSchema } from './api';
import { auditExportPath, ROSTER_COLUMNS, ROSTER_TEMPLATE_NAME, rosterTemplateCsv } from './format';

/**
 * Files of the admin screens, on both platforms: the roster upload (`POST /admin/veteran-roster`, multipart field
 * `file`), the roster template, and the audit-log export (xlsx, through the statistics' download helper). Browser
 * APIs are used only on H5 (process.env.TARO_ENV), WeChat's file APIs only in the mini-program.
 */

const h5 = process.env.TARO_ENV === 'h5';

/** An upload with the session's token; an expired token is renewed once. */
async function withToken<T extends { statusCode: number; data: unknown }>(
  send: (token: string | undefined) => Promise<T>,
): Promise<T> {
  const token = session.getToken();
  let response = await send(token);
  if (response.statusCode === 401 && token) {
    const renewed = await renewSession(token);
    if ('refused' in renewed) throw new ApiError('SESSION_EXPIRED', 401, '登录已过期，请重新登录');
    response = await send(renewed.session.accessToken);
  }
  return response;
}

function reportOf(response: { statusCode: number; data: unknown }): RosterReport {
  let body = response.data;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      body = null;
    }
  }
  if (response.statusCode < 200 || response.statusCode >= 300) throw errorFromResponse(response.statusCode, body);
  const parsed = rosterReportSchema.safeParse(body);
  if (!parsed.success) throw new ApiError('BAD_RESPONSE', response.statusCode, '导入结果有误，请到导入记录中查看');
  return parsed.data;
}

/** H5: uploads the File the admin chose, straight from memory (the CSP allows no object-URL reads). */
export async function uploadRosterFile(file: File): Promise<RosterReport> {
  const response = await withToken(async (token) => {
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      const answer = await fetch(`${API_BASE}/admin/veteran-roster`, {
        method: 'POST',
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        body,
      });
      return { statusCode: answer.status, data: (await answer.json().catch(() => null)) as unknown };
    } catch {
      throw new ApiError('NETWORK_ERROR', 0, NETWORK_ERROR_MESSAGE);
    }
  });
  return reportOf(response);
}

/** Mini-program: picks an xlsx or csv file from a WeChat chat and uploads it; null when the admin cancelled. */
export async function pickAndUploadRoster(): Promise<RosterReport | null> {
  let picked: Taro.chooseMessageFile.ChooseFile | undefined;
  try {
    const result = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
    picked = result.tempFiles[0];
  } catch {
    return null;
  }
  if (!picked) return null;
  const file = picked;
  const response = await withToken(async (token) => {
    try {
      return await Taro.uploadFile({
        url: `${API_BASE}/admin/veteran-roster`,
        filePath: file.path,
        name: 'file',
        header: token ? { Authorization: `Bearer ${token}` } : {},
      });
    } catch {
      throw new ApiError('NETWORK_ERROR', 0, NETWORK_ERROR_MESSAGE);
    }
  });
  return reportOf(response);
}

/**
 * 下载模板: on H5 a CSV download (`退役军人花名册模板.csv`); the mini-program cannot open a CSV, so there the
 * header row is copied for pasting into a new sheet.
 */
export async function downloadRosterTemplate(): Promise<string> {
  if (h5) {
    saveInBrowser(ROSTER_TEMPLATE_NAME, rosterTemplateCsv(), 'text/csv;charset=utf-8');
    return `已下载 ${ROSTER_TEMPLATE_NAME}`;
  }
  await Taro.setClipboardData({ data: ROSTER_COLUMNS.join('\t') });
  return '表头已复制，请粘贴到新表格的第一行';
}

function saveInBrowser(name: string, content: string, type: string): void {
  const objectUrl = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
}

/** 导出 Excel of an audit search: a download on H5, WeChat's document viewer in the mini-program. */
export function exportAuditLog(filter: AuditFilter): Promise<string> {
  return exportStats(auditExportPath(filter), '审计日志.xlsx');
}
