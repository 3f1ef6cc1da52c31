import Taro from '@tarojs/taro';
import { API_BASE } from '../../api/base-url';
import { ApiError, errorFromResponse, renewSession } from '../../api/client';
import { session } from '../../api/session';

/**
 * 导出 Excel: `GET /staff/stats/export` needs the bearer token, so it is never a plain link. On the
 * mini-program the file is downloaded with the token (Taro.downloadFile) and opened in WeChat's document
 * viewer (Taro.openDocument, xlsx), from where it can be forwarded or saved; on H5 it is fetched with the token
 * into a Blob and saved as a normal download (an object URL on an `a[download]`).
 */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The file name a Content-Disposition gives: the UTF-8 `filename*` (RFC 5987) first, then the plain
 * `filename`; `fallback` when it names none. Path parts and characters no file system takes are removed.
 */
export function fileNameFromDisposition(header: string | null | undefined, fallback: string): string {
  let name = '';
  if (header) {
    const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
    if (extended?.[2]) {
      try {
        name = decodeURIComponent(extended[2].trim());
      } catch {
        name = '';
      }
    }
    if (!name) {
      const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
      name = (plain?.[1] ?? plain?.[2] ?? '').replace(/\\(.)/g, '$1').trim();
    }
  }
  const cleaned = name
    .split(/[\\/]/)
    .pop()
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    ?.replace(/[\u0000-\u001f<>:"|?*]/g, '')
    .trim();
  return cleaned || fallback;
}

/** The name to save under before the server has said one: `统计_2026-01-01至2026-03-31.xlsx`. */
export function defaultExportName(period: { from: string; to: string }): string {
  return `统计_${period.from}至${period.to}.xlsx`;
}

interface Answer<T> {
  status: number;
  value: T;
  error?: unknown;
}

async function withToken<T>(send: (token: string | undefined) => Promise<Answer<T>>): Promise<T> {
  const token = session.getToken();
  let answer = await send(token);
  if (answer.status === 401 && token) {
    const renewed = await renewSession(token);
    if ('refused' in renewed) throw new ApiError('SESSION_EXPIRED', 401, '登录已过期，请重新登录');
    answer = await send(renewed.session.accessToken);
  }
  if (answer.status < 200 || answer.status >= 300) throw errorFromResponse(answer.status, answer.error);
  return answer.value;
}

const authorization = (token: string | undefined): Record<string, string> =>
  token ? { Authorization: `Bearer ${token}` } : {};

/** H5: fetch with the token, then save the Blob under the server's file name. */
async function saveInBrowser(url: string, fallback: string): Promise<string> {
  const { blob, name } = await withToken(async (token) => {
    const response = await fetch(url, { headers: { ...authorization(token), Accept: XLSX_MIME } });
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => null);
      return { status: response.status, value: { blob: new Blob(), name: '' }, error: body };
    }
    return {
      status: response.status,
      value: {
        blob: await response.blob(),
        name: fileNameFromDisposition(response.headers.get('content-disposition'), fallback),
      },
    };
  });
  const objectUrl = URL.createObjectURL(new Blob([blob], { type: XLSX_MIME }));
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
  return name;
}

/** Mini-program: download with the token, then open in WeChat's viewer (with its menu to forward or save). */
async function openInWechat(url: string, fallback: string): Promise<string> {
  const path = await withToken(async (token) => {
    const result = await Taro.downloadFile({ url, header: { ...authorization(token), Accept: XLSX_MIME } });
    return { status: result.statusCode, value: result.tempFilePath };
  });
  await Taro.openDocument({ filePath: path, fileType: 'xlsx', showMenu: true });
  return fallback;
}

/** Exports the statistics as xlsx (`path` from exportPath); resolves with the file name used. */
export async function exportStats(path: string, fallbackName: string): Promise<string> {
  const url = `${API_BASE}${path}`;
  return process.env.TARO_ENV === 'h5' ? saveInBrowser(url, fallbackName) : openInWechat(url, fallbackName);
}
