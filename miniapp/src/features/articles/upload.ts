import { type UploadResult, uploadResultSchema } from '@veterans/shared';
import { API_BASE } from '../../api/base-url';
import { ApiError, errorFromResponse, NETWORK_ERROR_MESSAGE, renewSession } from '../../api/client';
import { session } from '../../api/session';

/**
 * H5: uploads an image the staff member picked (`POST /uploads`, multipart field `file`) straight from the
 * File. Taro's H5 uploadFile would first read the file back from an object URL, which the server's
 * Content-Security-Policy (`connect-src 'self'`) does not allow. An expired token is renewed once.
 */
export async function uploadImageFile(file: File): Promise<UploadResult> {
  const send = async (token: string | undefined) => {
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      return await fetch(`${API_BASE}/uploads`, {
        method: 'POST',
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        body,
      });
    } catch {
      throw new ApiError('NETWORK_ERROR', 0, NETWORK_ERROR_MESSAGE);
    }
  };
  const token = session.getToken();
  let response = await send(token);
  if (response.status === 401 && token) {
    const renewed = await renewSession(token);
    if ('refused' in renewed) throw new ApiError('SESSION_EXPIRED', 401, '登录已过期，请重新登录');
    response = await send(renewed.session.accessToken);
  }
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) throw errorFromResponse(response.status, data);
  const parsed = uploadResultSchema.safeParse(data);
  if (!parsed.success) throw new ApiError('BAD_RESPONSE', response.status, '上传结果有误，请重试');
  return parsed.data;
}
