import { View } from '@tarojs/components';
import { type ChangeEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { AppButton } from '../../components/AppButton';
import { type PickedFile, pickImages, uploadAttachment } from '../requests/files';
import '../requests/form-fields.css';

const h5 = process.env.TARO_ENV === 'h5';

export type Proof =
  | { status: 'none' }
  | { status: 'uploading'; name: string }
  | { status: 'done'; name: string; id: string };

/**
 * Picks and uploads one photo of a 退伍证, 优待证 or ID card (an `<input type="file">` on H5, the album or camera
 * on weapp), for 身份申诉 and for the 实名核验 queue. `onUploaded` gets the upload once it is stored.
 */
export function ProofPicker({ onUploaded }: { onUploaded: (proof: Extract<Proof, { status: 'done' }>) => void }) {
  const [proof, setProof] = useState<Proof>({ status: 'none' });
  const [error, setError] = useState<string>();

  const upload = async (file: PickedFile) => {
    setError(undefined);
    setProof({ status: 'uploading', name: file.name });
    try {
      const stored = await uploadAttachment(file, () => undefined);
      const done = { status: 'done', name: file.name, id: stored.id } as const;
      setProof(done);
      onUploaded(done);
    } catch (failure) {
      setProof({ status: 'none' });
      setError(failure instanceof ApiError ? failure.message : '上传失败，请重试');
    }
  };

  return (
    <>
      {proof.status !== 'none' && (
        <View className="body-text dispute-form__proof">
          {proof.status === 'uploading' ? `正在上传：${proof.name}` : `已上传：${proof.name}`}
        </View>
      )}
      {h5 ? (
        <label className="attachment-add">
          <span aria-hidden="true">{proof.status === 'done' ? '重新选择证件照片' : '＋ 上传证件照片'}</span>
          <input
            className="attachment-add__input"
            type="file"
            accept="image/png,image/jpeg"
            aria-label="上传证件照片"
            onChange={(event: ChangeEvent<HTMLInputElement>) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void upload({ path: '', name: file.name, size: file.size, mimeType: file.type, file });
            }}
          />
        </label>
      ) : (
        <AppButton
          size="large"
          block
          label="上传证件照片"
          onClick={() => {
            pickImages(1).then(
              ([file]) => file && upload(file),
              () => undefined,
            );
          }}
        >
          ＋ 拍照或选择证件照片
        </AppButton>
      )}
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
    </>
  );
}
