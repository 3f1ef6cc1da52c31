import { type FormField, formFields, MAX_UPLOAD_BYTES, type ServiceForm, type UploadResult } from '@veterans/shared';
import type { FormValues } from './form-model';

/**
 * The files of the attachment fields while the form is open: each is uploading (with a percentage, or `null`
 * when the platform reports no progress), uploaded (with the id the form saves), or failed (with why, and a
 * 重试). A reducer, so that progress events arriving late or out of order cannot undo a finished upload.
 */
export type UploadStatus = 'uploading' | 'done' | 'failed';

export interface UploadItem {
  /** Local identity of this item (not the server id). */
  key: string;
  fieldName: string;
  fileName: string;
  status: UploadStatus;
  /** 0–100, or null: uploading, progress unknown. */
  progress: number | null;
  /** The server's id once uploaded. */
  id?: string;
  mimeType?: string;
  size?: number;
  /** Where the file is on the device (a temp path, or a blob URL on H5), for 重试. */
  localPath?: string;
  error?: string;
}

export type UploadAction =
  | { type: 'start'; key: string; fieldName: string; fileName: string; localPath?: string; size?: number }
  | { type: 'progress'; key: string; progress: number | null }
  | { type: 'done'; key: string; result: UploadResult }
  | { type: 'failed'; key: string; message: string }
  | { type: 'retry'; key: string }
  | { type: 'remove'; key: string }
  /** Files already saved with the draft (from `GET /requests/:id`). */
  | { type: 'restore'; fieldName: string; files: UploadResult[] };

function clampProgress(progress: number | null): number | null {
  if (progress === null || !Number.isFinite(progress)) return null;
  return Math.max(0, Math.min(100, Math.round(progress)));
}

export function uploadsReducer(state: UploadItem[], action: UploadAction): UploadItem[] {
  switch (action.type) {
    case 'start':
      return [
        ...state.filter((item) => item.key !== action.key),
        {
          key: action.key,
          fieldName: action.fieldName,
          fileName: action.fileName,
          status: 'uploading',
          progress: null,
          localPath: action.localPath,
          size: action.size,
        },
      ];
    case 'progress':
      return state.map((item) => {
        if (item.key !== action.key || item.status !== 'uploading') return item;
        const next = clampProgress(action.progress);
        // Never backwards: a late event must not make the bar jump back.
        const progress = next === null ? item.progress : Math.max(next, item.progress ?? 0);
        return { ...item, progress };
      });
    case 'done':
      return state.map((item) =>
        item.key === action.key
          ? {
              ...item,
              status: 'done',
              progress: 100,
              id: action.result.id,
              fileName: action.result.fileName,
              mimeType: action.result.mimeType,
              size: action.result.size,
              error: undefined,
            }
          : item,
      );
    case 'failed':
      return state.map((item) =>
        item.key === action.key && item.status === 'uploading'
          ? { ...item, status: 'failed', progress: null, error: action.message }
          : item,
      );
    case 'retry':
      return state.map((item) =>
        item.key === action.key && item.status === 'failed'
          ? { ...item, status: 'uploading', progress: null, error: undefined }
          : item,
      );
    case 'remove':
      return state.filter((item) => item.key !== action.key);
    case 'restore': {
      const known = new Set(state.map((item) => item.id).filter(Boolean));
      const restored = action.files
        .filter((file) => !known.has(file.id))
        .map(
          (file): UploadItem => ({
            key: `saved-${file.id}`,
            fieldName: action.fieldName,
            fileName: file.fileName,
            status: 'done',
            progress: 100,
            id: file.id,
            mimeType: file.mimeType,
            size: file.size,
          }),
        );
      return [...state, ...restored];
    }
  }
}

/** The uploaded files' ids of one field, in the order they were added: the field's answer. */
export function uploadedIds(state: readonly UploadItem[], fieldName: string): string[] {
  return state
    .filter((item) => item.fieldName === fieldName && item.status === 'done' && item.id)
    .map((item) => item.id as string);
}

export function itemsOf(state: readonly UploadItem[], fieldName: string): UploadItem[] {
  return state.filter((item) => item.fieldName === fieldName);
}

export function anyUploading(state: readonly UploadItem[]): boolean {
  return state.some((item) => item.status === 'uploading');
}

/** Files that still count against the field's limit (failed ones do not). */
export function remainingSlots(state: readonly UploadItem[], field: FormField): number {
  const used = state.filter((item) => item.fieldName === field.name && item.status !== 'failed').length;
  return Math.max(0, (field.maxFiles ?? 5) - used);
}

/** id → file name, for the review and the request detail. */
export function fileNamesById(state: readonly UploadItem[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const item of state) if (item.id) names[item.id] = item.fileName;
  return names;
}

export type FileKind = 'image' | 'pdf';

/** The kind of a picked file from its name or MIME type; null for anything the server would refuse anyway. */
export function fileKindOf(name: string, mimeType?: string): FileKind | null {
  const type = mimeType?.toLowerCase() ?? '';
  if (type === 'application/pdf' || /\.pdf$/i.test(name)) return 'pdf';
  if (type === 'image/jpeg' || type === 'image/png' || /\.(jpe?g|png)$/i.test(name)) return 'image';
  return null;
}

/** Why a picked file cannot be uploaded to this field, before sending it; undefined when it may be. */
export function pickProblem(
  field: FormField,
  file: { name: string; size?: number; mimeType?: string },
): string | undefined {
  const kind = fileKindOf(file.name, file.mimeType);
  const accepted = field.accept ?? ['image', 'pdf'];
  if (!kind || !accepted.includes(kind)) {
    return accepted.includes('pdf') ? '只能上传 jpg、png 图片或 pdf 文件' : '只能上传 jpg 或 png 图片';
  }
  if (file.size !== undefined && file.size > MAX_UPLOAD_BYTES) return '文件不能超过 10 MB';
  if (file.size === 0) return '文件是空的，请重新选择';
  return undefined;
}

/** The shared formatter (360 字节, 12.1 KB), kept under this name for the request pages. */
export { formatFileSize } from '@veterans/shared';

/** The form's values with each attachment field set to the ids of its uploaded files. */
export function withUploadedFiles(form: ServiceForm, values: FormValues, state: readonly UploadItem[]): FormValues {
  const merged: FormValues = { ...values };
  for (const field of formFields(form)) {
    if (field.kind === 'attachments') merged[field.name] = uploadedIds(state, field.name);
  }
  return merged;
}

/** The uploaded files of a saved request, per attachment field (from `GET /requests/:id`). */
export function savedUploads(
  form: ServiceForm,
  answers: Record<string, unknown> | null | undefined,
  files: readonly UploadResult[],
): UploadItem[] {
  let state: UploadItem[] = [];
  for (const field of formFields(form)) {
    const ids = answers?.[field.name];
    if (field.kind !== 'attachments' || !Array.isArray(ids)) continue;
    const named = ids.map((id) => files.find((file) => file.id === id)).filter((file): file is UploadResult => !!file);
    state = uploadsReducer(state, { type: 'restore', fieldName: field.name, files: named });
  }
  return state;
}
