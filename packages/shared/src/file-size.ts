/**
 * The one way a file size is written for people: 360 字节, 12.1 KB, 3.0 MB (字节 rather than "B", which few
 * readers know). Every page that shows a size uses this.
 */
export function formatFileSize(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${Math.round(bytes)} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
