import { View } from '@tarojs/components';
import { identityDisputeInputSchema } from '@veterans/shared';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { AppButton } from '../../components/AppButton';
import { fileIdentityDispute } from './api';
import { ProofPicker } from './ProofPicker';

/**
 * 身份申诉, offered when the ID number someone enters is already held by another account: they upload a photo of
 * their 退伍证, 优待证 or ID card, and the station compares both claims.
 */
export function DisputeForm({ name, idNumber, onFiled }: { name: string; idNumber: string; onFiled: () => void }) {
  const [proofId, setProofId] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const checked = identityDisputeInputSchema.safeParse({ name, idNumber, proofUploadId: proofId ?? '' });
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? '请检查填写的信息');
      return;
    }
    setError(undefined);
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
      <ProofPicker onUploaded={(proof) => setProofId(proof.id)} />
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
      <AppButton type="primary" size="large" block loading={busy} onClick={() => void submit()}>
        提交申诉
      </AppButton>
    </View>
  );
}
