import Taro from '@tarojs/taro';
import type { UploadResult } from '@veterans/shared';
import { API_BASE } from '../../api/base-url';
import { renewSession } from '../../api/client';
import { session } from '../../api/session';

/**
 * Opens an attachment through `GET /uploads/:id`, which needs the bearer token (files are never public): on
 * H5 fetched into a blob and shown in a new tab; on the mini-program downloaded, then previewed (images) or
 * opened (PDF). An expired token is renewed once.
 */
export async function openAttachment(file: UploadResult): Promise<void> {
  const url = `${API_BASE}/uploads/${encodeURIComponent(file.id)}`;
  try {
    if (process.env.TARO_ENV === 'h5') await openInBrowser(url, file);
    else await openInMiniProgram(url, file);
  } catch (error) {
    const message = error instanceof Error && error.message ? error.message : '附件打开失败，请稍后重试';
    void Taro.showToast({ title: message, icon: 'none', duration: 2500 });
  }
}

async function withToken<T>(send: (token: string | undefined) => Promise<{ status: number; value: T }>): Promise<T> {
  const token = session.getToken();
  let answer = await send(token);
  if (answer.status === 401 && token) {
    const renewed = await renewSession(token);
    if ('refused' in renewed) throw new Error('登录已过期，请重新登录');
    answer = await send(renewed.session.accessToken);
  }
  if (answer.status === 404) throw new Error('附件不存在或无权查看');
  if (answer.status < 200 || answer.status >= 300) throw new Error('附件打开失败，请稍后重试');
  return answer.value;
}

async function openInBrowser(url: string, file: UploadResult): Promise<void> {
  // Opened at once, while the click still counts as the user's: a window opened after the download would be
  // taken for a pop-up and blocked.
  const tab = window.open('', '_blank');
  try {
    const blob = await withToken(async (token) => {
      const response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
      return { status: response.status, value: response.ok ? await response.blob() : new Blob() };
    });
    const objectUrl = URL.createObjectURL(new Blob([blob], { type: file.mimeType }));
    if (tab) {
      tab.location.href = objectUrl;
    } else {
      const link = document.createElement('a');
      link.href = objectUrl;
      link.download = file.fileName;
      link.click();
    }
    setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
  } catch (error) {
    tab?.close();
    throw error;
  }
}

async function openInMiniProgram(url: string, file: UploadResult): Promise<void> {
  void Taro.showLoading({ title: '正在打开' });
  try {
    const path = await withToken(async (token) => {
      const result = await Taro.downloadFile({ url, header: token ? { Authorization: `Bearer ${token}` } : {} });
      return { status: result.statusCode, value: result.tempFilePath };
    });
    if (file.mimeType === 'application/pdf') await Taro.openDocument({ filePath: path, fileType: 'pdf' });
    else await Taro.previewImage({ urls: [path], current: path });
  } finally {
    void Taro.hideLoading();
  }
}
