import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { AppButton } from './AppButton';
import './confirm-dialog.css';

interface ConfirmDialogProps {
  id: string;
  visible: boolean;
  title: string;
  children: ReactNode;
  confirmText: string;
  cancelText?: string;
  /** Red confirm button, for what cannot be undone. */
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Replaces the confirm button (e.g. WeChat's agreePrivacyAuthorization button). */
  confirmButton?: ReactNode;
}

/** A modal question with room for an explanation: lighter than a popup library, and labelled for screen readers. */
export function ConfirmDialog({
  id,
  visible,
  title,
  children,
  confirmText,
  cancelText = '取消',
  danger,
  busy,
  onConfirm,
  onCancel,
  confirmButton,
}: ConfirmDialogProps) {
  if (!visible) return null;
  const h5 = process.env.TARO_ENV === 'h5';
  return (
    <View className="confirm-dialog" catchMove>
      <View
        className="confirm-dialog__panel"
        {...(h5 ? { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': `${id}-title` } : {})}
      >
        <View className="confirm-dialog__title" id={`${id}-title`}>
          {title}
        </View>
        <View className="confirm-dialog__body">{children}</View>
        <View className="confirm-dialog__actions">
          {confirmButton ?? (
            <AppButton
              className={`confirm-dialog__confirm ${danger ? 'confirm-dialog__confirm--danger' : ''}`}
              type="primary"
              size="large"
              block
              loading={busy}
              onClick={onConfirm}
            >
              {confirmText}
            </AppButton>
          )}
          <AppButton className="confirm-dialog__cancel" size="large" block disabled={busy} onClick={onCancel}>
            {cancelText}
          </AppButton>
        </View>
      </View>
    </View>
  );
}
