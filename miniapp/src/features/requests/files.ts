import Taro from '@tarojs/taro';
import { type UploadResult, uploadResultSchema } from '@veterans/shared';
import { API_BASE } from '../../api/base-url';
import {
  ApiError,
  errorFromResponse,
  NETWORK_ERROR_MESSAGE,
  renewSession,
  SESSION_EXPIRED_MESSAGE,
} from '../../api/client';
import { session } from '../../api/session';
import { openSignIn } from '../../navigation/navigate';

/**
 * Files through the API: uploading an attachment (`POST /uploads`, multipart field `file`) and opening one
 * (`GET /uploads/:id`, which needs the bearer token, so never a plain link). Both renew an expired access token
 * once, as the JSON client does.
 */

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

/** Sends with the current token; on a 401 renews the session once and sends again. */
async function withToken<R extends { statusCode: number }>(
  send: (token: string | undefined) => Promise<R>,
): Promise<R> {
  const sent = session.get();
  const response = await send(sent?.accessToken);
  if (!sent || response.statusCode !== 401) return response;
  const renewed = await renewSession(sent.accessToken);
  if ('refused' in renewed) {
    session.clear();
    openSignIn();
    throw new ApiError('SESSION_EXPIRED', 401, SESSION_EXPIRED_MESSAGE);
  }
  return send(renewed.session.accessToken);
}

export interface PickedFile {
  /** A temp path on the mini-program; on H5 an object URL, for the thumbnail only. */
  path: string;
  name: string;
  size?: number;
  mimeType?: string;
  /** H5: the file itself (the page's CSP does not let scripts read object URLs back). */
  file?: Blob;
}

interface RawUpload {
  statusCode: number;
  data: unknown;
}

const UPLOAD_TIMEOUT_MS = 120_000;

/** H5: a plain multipart POST with the browser's upload progress. */
function browserUpload(
  file: Blob,
  name: string,
  token: string | undefined,
  onProgress: (progress: number | null) => void,
): Promise<RawUpload> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/uploads`);
    xhr.timeout = UPLOAD_TIMEOUT_MS;
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      onProgress(event.lengthComputable && event.total > 0 ? (event.loaded / event.total) * 100 : null);
    };
    xhr.onload = () => resolve({ statusCode: xhr.status, data: xhr.responseText });
    xhr.onerror = () => reject(new ApiError('NETWORK_ERROR', 0, NETWORK_ERROR_MESSAGE));
    xhr.ontimeout = () => reject(new ApiError('NETWORK_ERROR', 0, '上传超时，请检查网络后重试'));
    const body = new FormData();
    body.append('file', file, name);
    xhr.send(body);
  });
}

/** Mini-program: Taro.uploadFile, whose task reports progress. */
function miniProgramUpload(
  path: string,
  token: string | undefined,
  onProgress: (progress: number | null) => void,
): Promise<RawUpload> {
  const task = Taro.uploadFile({
    url: `${API_BASE}/uploads`,
    filePath: path,
    name: 'file',
    header: token ? { Authorization: `Bearer ${token}` } : {},
  });
  task.onProgressUpdate?.((update) => {
    onProgress(Number.isFinite(update.progress) ? update.progress : null);
  });
  return task;
}

/**
 * Uploads one file, reporting progress (0–100, or null when the platform cannot tell). Resolves with what the
 * server stored; rejects with an ApiError whose message can be shown as it is.
 */
export async function uploadAttachment(
  file: PickedFile,
  onProgress: (progress: number | null) => void,
): Promise<UploadResult> {
  let response: RawUpload;
  try {
    response = await withToken((token) =>
      file.file
        ? browserUpload(file.file, file.name, token, onProgress)
        : miniProgramUpload(file.path, token, onProgress),
    );
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('NETWORK_ERROR', 0, NETWORK_ERROR_MESSAGE);
  }
  const body = parseBody(response.data);
  if (response.statusCode < 200 || response.statusCode >= 300) throw errorFromResponse(response.statusCode, body);
  const parsed = uploadResultSchema.safeParse(body);
  if (!parsed.success) throw new ApiError('BAD_RESPONSE', response.statusCode, '上传结果有误，请重试');
  return parsed.data;
}

/** Downloads an attachment with the token and shows it: images in the image viewer, PDFs in the document viewer. */
export async function openAttachment(upload: { id: string; fileName: string; mimeType?: string }): Promise<void> {
  void Taro.showLoading({ title: '正在打开…', mask: true });
  try {
    const response = await withToken((token) =>
      Taro.downloadFile({
        url: `${API_BASE}/uploads/${encodeURIComponent(upload.id)}`,
        header: token ? { Authorization: `Bearer ${token}` } : {},
      }),
    );
    if (response.statusCode !== 200)
      throw new ApiError('DOWNLOAD_FAILED', response.statusCode, '附件打开失败，请稍后重试');
    const path = response.tempFilePath;
    if (upload.mimeType === 'application/pdf') {
      if (process.env.TARO_ENV === 'h5') openInBrowser(path, upload.fileName);
      else await Taro.openDocument({ filePath: path, fileType: 'pdf', showMenu: true });
    } else {
      await showImage(path);
    }
  } catch (error) {
    const message = error instanceof ApiError ? error.message : '附件打开失败，请稍后重试';
    void Taro.showToast({ title: message, icon: 'none', duration: 2500 });
  } finally {
    void Taro.hideLoading();
  }
}

/**
 * An image full screen. H5: Taro's viewer is fetched on first use (see image-viewer.ts). Not an async function,
 * whose transpiled state machine would keep the mini-program's branch, and with it the viewer, in the H5 build.
 */
function showImage(path: string): Promise<unknown> {
  return process.env.TARO_ENV === 'h5'
    ? import('./image-viewer').then((viewer) => viewer.previewImage(path))
    : Taro.previewImage({ urls: [path], current: path });
}

/** H5: a PDF opens in the browser's own viewer (a new tab). */
function openInBrowser(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.target = '_blank';
  link.rel = 'noopener';
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** Mini-program: photos from the camera or the album. */
export async function pickImages(count: number): Promise<PickedFile[]> {
  const result = await Taro.chooseMedia({
    count,
    mediaType: ['image'],
    sourceType: ['album', 'camera'],
    sizeType: ['compressed'],
  });
  return result.tempFiles.map((file, index) => {
    const extension = /\.(png|jpe?g)$/i.exec(file.tempFilePath)?.[1]?.toLowerCase() ?? 'jpg';
    return { path: file.tempFilePath, name: `照片${index + 1}.${extension}`, size: file.size };
  });
}

/** Mini-program: PDF files from a WeChat chat (the only place a mini-program can pick documents from). */
export async function pickPdfFromChat(count: number): Promise<PickedFile[]> {
  const result = await Taro.chooseMessageFile({ count, type: 'file', extension: ['pdf'] });
  return result.tempFiles.map((file) => ({ path: file.path, name: file.name, size: file.size }));
}
