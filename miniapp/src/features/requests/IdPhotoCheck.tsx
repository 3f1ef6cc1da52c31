import { Image, View } from '@tarojs/components';
import { formatFileSize, ID_PHOTO_GUIDANCE, idPhotoProblem } from '@veterans/shared';
import { type ReactNode, useEffect, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { PickedFile } from './files';
import { fitIdPhoto, photoFacts } from './id-photo';
import './id-photo-check.css';

interface Pending {
  original: PickedFile;
  problem: string;
  proceed: (file: PickedFile) => void;
}

/**
 * The 优待证 photo check before upload: a conforming photo goes straight on; any other is cropped and fitted
 * to 352 × 440 JPG of 20–50 KB, shown, and uploaded only when the person agrees.
 */
export function useIdPhotoCheck(): {
  check: (file: PickedFile, proceed: (file: PickedFile) => void) => void;
  dialog: ReactNode;
} {
  const [pending, setPending] = useState<Pending | null>(null);
  const check = (file: PickedFile, proceed: (file: PickedFile) => void) => {
    void photoFacts(file).then((facts) => {
      const problem = idPhotoProblem(facts);
      if (problem) setPending({ original: file, problem, proceed });
      else proceed(file);
    });
  };
  const dialog = pending ? (
    <PhotoFitDialog
      pending={pending}
      onUse={(fitted) => {
        setPending(null);
        pending.proceed(fitted);
      }}
      onCancel={() => setPending(null)}
    />
  ) : null;
  return { check, dialog };
}

function PhotoFitDialog({
  pending,
  onUse,
  onCancel,
}: {
  pending: Pending;
  onUse: (file: PickedFile) => void;
  onCancel: () => void;
}) {
  // undefined while fitting, null when the photo cannot be made to conform.
  const [fitted, setFitted] = useState<PickedFile | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void fitIdPhoto(pending.original).then((result) => current && setFitted(result));
    return () => {
      current = false;
    };
  }, [pending.original]);

  return (
    <ConfirmDialog
      id="id-photo-fit"
      visible
      title="照片不符合证件照要求"
      confirmText={fitted ? '使用调整后的照片' : '重新选择照片'}
      cancelText={fitted ? '重新选择照片' : '取消'}
      busy={fitted === undefined}
      onConfirm={() => (fitted ? onUse(fitted) : onCancel())}
      onCancel={onCancel}
    >
      <View className="id-photo-fit__problem">{`${pending.problem}。`}</View>
      {fitted === undefined && <View className="id-photo-fit__status">正在按要求裁剪和压缩…</View>}
      {fitted && (
        <View className="id-photo-fit__result">
          <Image className="id-photo-fit__preview" src={fitted.path} mode="aspectFit" ariaLabel="调整后的证件照" />
          <View className="id-photo-fit__status">
            {`已调整为 352×440 像素、${formatFileSize(fitted.size)} 的 JPG 照片。请确认头部完整、背景为白色。`}
          </View>
        </View>
      )}
      {fitted === null && (
        <View className="id-photo-fit__status" role="alert">
          这张照片无法调整为符合要求的证件照，请换一张清晰的照片。
        </View>
      )}
      <View className="id-photo-fit__guidance">{ID_PHOTO_GUIDANCE}</View>
    </ConfirmDialog>
  );
}
