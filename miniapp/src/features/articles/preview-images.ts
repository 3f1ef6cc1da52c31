import Taro from '@tarojs/taro';
import { API_BASE } from '../../api/base-url';
import { renewSession } from '../../api/client';
import { session } from '../../api/session';

/**
 * The editor's preview of an article not yet published: its images are not public yet
 * (`GET /articles/images/:id` serves only images of published articles), so they are fetched with the staff
 * member's token from `GET /uploads/:id` — which the server allows to their uploader — and shown from a local
 * copy. Images that cannot be fetched keep their public address (and show once published).
 */

const PUBLIC_IMAGE = /\/api\/v1\/articles\/images\/([A-Za-z0-9_-]{16,64})/g;

/** The upload ids of the images in a sanitised body, each once. */
export function imageIdsOf(html: string): string[] {
  return [...new Set([...html.matchAll(PUBLIC_IMAGE)].map((match) => match[1] as string))];
}

/** The body with the images found in `local` (upload id → local URL) pointing there. */
export function withLocalImages(html: string, local: ReadonlyMap<string, string>): string {
  return html.replace(/src="[^"]*\/api\/v1\/articles\/images\/([A-Za-z0-9_-]{16,64})"/g, (whole, id: string) => {
    const url = local.get(id);
    return url ? `src="${url.replace(/"/g, '%22')}"` : whole;
  });
}

async function download(id: string, token: string | undefined): Promise<{ status: number; url: string }> {
  const url = `${API_BASE}/uploads/${encodeURIComponent(id)}`;
  const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (process.env.TARO_ENV === 'h5') {
    const response = await fetch(url, { headers: header });
    if (!response.ok) return { status: response.status, url: '' };
    return { status: response.status, url: URL.createObjectURL(await response.blob()) };
  }
  const result = await Taro.downloadFile({ url, header });
  return { status: result.statusCode, url: result.statusCode === 200 ? result.tempFilePath : '' };
}

async function fetchLocal(id: string): Promise<string | null> {
  const token = session.getToken();
  let answer = await download(id, token);
  if (answer.status === 401 && token) {
    const renewed = await renewSession(token);
    if ('refused' in renewed) return null;
    answer = await download(id, renewed.session.accessToken);
  }
  return answer.status === 200 && answer.url ? answer.url : null;
}

/** The body with every image this staff member can fetch shown from a local copy. */
export async function withPreviewImages(html: string): Promise<string> {
  const ids = imageIdsOf(html);
  if (ids.length === 0) return html;
  const local = new Map<string, string>();
  await Promise.all(
    ids.map(async (id) => {
      try {
        const url = await fetchLocal(id);
        if (url) local.set(id, url);
      } catch {
        // left as it is
      }
    }),
  );
  return withLocalImages(html, local);
}
