import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { AppButton } from '../../components/AppButton';
import '../../components/confirm-dialog.css';

interface ListDialogProps {
  id: string;
  title: string;
  children: ReactNode;
  closeText?: string;
  busy?: boolean;
  onClose: () => void;
}

/** A modal list to pick from (canned replies, assignees): tapping an entry acts; 关闭 leaves. */
export function ListDialog({ id, title, children, closeText = '关闭', busy, onClose }: ListDialogProps) {
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
          <AppButton className="confirm-dialog__cancel" size="large" block disabled={busy} onClick={onClose}>
            {closeText}
          </AppButton>
        </View>
      </View>
    </View>
  );
}
