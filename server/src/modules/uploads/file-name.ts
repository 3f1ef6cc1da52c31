import type { UploadMimeType } from '@veterans/shared';
import { EXTENSIONS } from './file-type';

export const MAX_DISPLAY_NAME_LENGTH = 100;

// C0 and C1 control characters (NUL included), and the bidirectional overrides that can make
// `photo<RLO>gpj.exe` display as `photoexe.jpg`.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * The client's file name made safe to keep and show: only the last path segment (no `../../`, no `C:\`),
 * no control characters, no leading dots, at most 100 characters, and ending with an extension that matches
 * the type found in the content. The name is only ever a display name: storage keys are random.
 */
export function sanitizeFileName(raw: string | undefined, mimeType: UploadMimeType): string {
  const extensions = EXTENSIONS[mimeType];
  let name = (raw ?? '').normalize('NFC').replace(UNSAFE_CHARACTERS, '');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');

  // A name whose extension does not match the content keeps it in the stem: `photo.exe` holding a PNG is
  // shown as `photo.exe.png`.
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const matches = extensions.includes(extension);
  const suffix = matches ? extension : (extensions[0] as string);
  let stem = (matches ? name.slice(0, dot) : name).replace(/[\s.]+$/, '');
  if (!stem) stem = '附件';
  const room = MAX_DISPLAY_NAME_LENGTH - suffix.length - 1;
  const characters = Array.from(stem);
  if (characters.length > room)
    stem =
      characters
        .slice(0, room)
        .join('')
        .replace(/[\s.]+$/, '') || '附件';
  return `${stem}.${suffix}`;
}

/**
 * A `Content-Disposition` value that shows the display name: an ASCII fallback in `filename` (for old
 * clients) and the exact UTF-8 name in `filename*` (RFC 6266 / RFC 5987).
 */
export function contentDisposition(fileName: string, disposition: 'inline' | 'attachment' = 'inline'): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
