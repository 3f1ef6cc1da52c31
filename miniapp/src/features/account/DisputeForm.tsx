import { View } from '@tarojs/components';
import { identityDisputeInputSchema } from '@veterans/shared';
import { type ChangeEvent, useState } from 'react';
import { ApiError } from '../../api/client';
import { AppButton } from '../../components/AppButton';
import { type PickedFile, pickImages, uploadAttachment } from '../requests/files';
import { fileIdentityDispute } from './api';

const h5 = process.env.TARO_ENV === 'h5';

type Proof = { status: 'none' } | { status: 'uploading'; name: string } | { status: 'done'; name: string; id: string };

/**
 * 身份申诉, offered when the ID number someone enters is already held by another account: they upload a photo of
 * their 退伍证, 优待证 or ID card, and the station compares both claims.
 */
export function DisputeForm({ name, idNumber, onFiled }: { name: string; idNumber: string; onFiled: () => void }) {
  const [proof, setProof] = useState<Proof>({ status: 'none' });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const upload = async (file: PickedFile) => {
    setError(undefined);
    setProof({ status: 'uploading', name: file.name });
    try {
      const stored = await uploadAttachment(file, () => undefined);
      setProof({ status: 'done', name: file.name, id: stored.id });
    } catch (failure) {
      setProof({ status: 'none' });
      setError(failure instanceof ApiError ? failure.message : '上传失败，请重试');
    }
  };
  const submit = async () => {
    const checked = identityDisputeInputSchema.safeParse({
      name,
      idNumber,
      proofUploadId: proof.status === 'done' ? proof.id : '',
    });
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? '请检查填写的信息');
      return;
    }
    setBusy(true);
    try {
      await fileIdentityDispute(checked.data);
      onFiled();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : '提交失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card dispute-form">
      <View className="card__title">这个身份证号码是您本人的？可以提出申诉</View>
      <View className="body-text">
        请上传您的退伍证、优待证或身份证照片。服务站工作人员会核实双方材料，确认后把身份证号码登记到正确的账号，并通过消息通知您。核实期间双方都不能使用退役军人认证。
      </View>
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
      <AppButton
        type="primary"
        size="large"
        block
        loading={busy}
        disabled={proof.status === 'uploading'}
        onClick={() => void submit()}
      >
        提交申诉
      </AppButton>
    </View>
  );
}
