import Taro from '@tarojs/taro';
import { type FormField, formFields, type ServiceForm } from '@veterans/shared';
import { type ReactNode, useReducer, useRef } from 'react';
import { ApiError } from '../../api/client';
import type { AttachmentHandlers } from './FormFields';
import { openAttachment, type PickedFile, pickImages, pickPdfFromChat, uploadAttachment } from './files';
import { useIdPhotoCheck } from './IdPhotoCheck';
import { pickProblem, remainingSlots, type UploadItem, uploadsReducer } from './upload-state';

interface AttachmentOptions {
  /** Files already saved with a draft. */
  initial?: () => UploadItem[];
  /** A file finished uploading into this field. */
  onUploaded?: (fieldName: string) => void;
  /** A file was taken off the form. */
  onRemoved?: () => void;
}

export interface Attachments {
  uploads: UploadItem[];
  /** The uploads as they are now, also inside callbacks of an earlier render. */
  latest: () => UploadItem[];
  handlers: AttachmentHandlers;
  /** The 优待证 photo dialog, rendered by the page. */
  dialog: ReactNode;
}

let uploadCounter = 0;

/**
 * The attachment fields of a service form, for the citizen's 在线申请 and the clerk's 窗口代办 alike: picking
 * (camera/album, a PDF from a chat, the browser's file picker), the field's type, size and count limits, the
 * 优待证 photo check (crop and fit before upload), upload with progress, 重试, removal and opening a file.
 */
export function useAttachments(form: ServiceForm, options: AttachmentOptions = {}): Attachments {
  const [uploads, dispatch] = useReducer(uploadsReducer, undefined, () => options.initial?.() ?? []);
  const uploadsRef = useRef(uploads);
  uploadsRef.current = uploads;
  // The page's callbacks close over its latest state; uploads finish renders later.
  const optionsRef = useRef(options);
  optionsRef.current = options;
  // The files picked in this visit, by upload key: for 重试.
  const picked = useRef(new Map<string, PickedFile>());
  const idPhoto = useIdPhotoCheck();

  const startUpload = (key: string, fieldName: string, file: PickedFile) => {
    uploadAttachment(file, (percent) => dispatch({ type: 'progress', key, progress: percent })).then(
      (result) => {
        dispatch({ type: 'done', key, result });
        optionsRef.current.onUploaded?.(fieldName);
      },
      (error: unknown) =>
        dispatch({ type: 'failed', key, message: error instanceof ApiError ? error.message : '上传失败，请重试' }),
    );
  };

  const beginUpload = (fieldName: string, file: PickedFile) => {
    uploadCounter += 1;
    const key = `upload-${uploadCounter}`;
    picked.current.set(key, file);
    dispatch({ type: 'start', key, fieldName, fileName: file.name, localPath: file.path, size: file.size });
    startUpload(key, fieldName, file);
  };

  const addFiles = (fieldName: string, files: PickedFile[]) => {
    const field = formFields(form).find((candidate) => candidate.name === fieldName);
    if (!field) return;
    let left = remainingSlots(uploadsRef.current, field);
    for (const file of files) {
      const problem = pickProblem(field, { name: file.name, size: file.size, mimeType: file.mimeType });
      if (problem) {
        void Taro.showToast({ title: `${file.name}：${problem}`, icon: 'none', duration: 2500 });
        continue;
      }
      if (left <= 0) {
        void Taro.showToast({ title: `${field.label}最多上传 ${field.maxFiles ?? 5} 个文件`, icon: 'none' });
        break;
      }
      left -= 1;
      if (field.photo === 'id-photo') idPhoto.check(file, (ready) => beginUpload(fieldName, ready));
      else beginUpload(fieldName, file);
    }
  };

  const handlers: AttachmentHandlers = {
    onPick: (field: FormField) => {
      const left = remainingSlots(uploadsRef.current, field);
      const pdf = (field.accept ?? ['image', 'pdf']).includes('pdf');
      const pick = (choice: number) =>
        (choice === 1 ? pickPdfFromChat(left) : pickImages(left)).then(
          (files) => addFiles(field.name, files),
          () => undefined, // cancelled
        );
      if (!pdf) {
        void pick(0);
        return;
      }
      Taro.showActionSheet({ itemList: ['拍照或从相册选择', '从微信聊天记录选择 PDF'] }).then(
        (result) => void pick(result.tapIndex),
        () => undefined,
      );
    },
    onFiles: (field, files) =>
      addFiles(
        field.name,
        files.map((file) => ({
          path: URL.createObjectURL(file),
          name: file.name,
          size: file.size,
          mimeType: file.type,
          file,
        })),
      ),
    onRemove: (item) => {
      dispatch({ type: 'remove', key: item.key });
      const file = picked.current.get(item.key);
      picked.current.delete(item.key);
      if (file?.file && file.path.startsWith('blob:')) URL.revokeObjectURL(file.path);
      optionsRef.current.onRemoved?.();
    },
    onRetry: (item) => {
      const file = picked.current.get(item.key);
      if (!file) return;
      dispatch({ type: 'retry', key: item.key });
      startUpload(item.key, item.fieldName, file);
    },
    onOpen: (item) => {
      if (item.id) void openAttachment({ id: item.id, fileName: item.fileName, mimeType: item.mimeType });
    },
  };

  return { uploads, latest: () => uploadsRef.current, handlers, dialog: idPhoto.dialog };
}
