import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Me } from '@veterans/shared';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { AppButton } from '../../components/AppButton';
import { routes } from '../../navigation/routes';
import { dateTimeText } from '../requests/status';
import { attachIdentityProof, fetchMe } from './api';
import { FaceVerify } from './FaceVerify';
import { ProofPicker } from './ProofPicker';

/**
 * For a veteran whose claim the roster and phone did not verify at once: the ways to be verified — the phone the
 * roster has, a 退伍证 / 优待证 photo for the station's 实名核验 queue, 刷脸核验 where offered, or a visit.
 */
export function VerificationAids({ me, onChanged }: { me: Me; onChanged: (me: Me) => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (me.kind !== 'veteran' || !me.identity || me.veteranStatus !== 'pending') return null;

  const attach = async (uploadId: string) => {
    setError(undefined);
    setBusy(true);
    try {
      onChanged(await attachIdentityProof(uploadId));
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : '提交失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <FaceVerify me={me} onVerified={() => void fetchMe().then(onChanged, () => undefined)} />
      <View className="card identity-proof">
        <View className="card__title">上传退伍证或优待证照片</View>
        <View className="body-text">
          服务站工作人员核验时会查看这张照片。也可以绑定退役军人名册登记的手机号（自动通过），或携带证件到所属服务站现场核验。
        </View>
        {me.identityProof ? (
          <View className="body-text identity-proof__done" role="status">
            已提交证件照片：{me.identityProof.fileName}（{dateTimeText(me.identityProof.uploadedAt)}）
          </View>
        ) : null}
        <ProofPicker onUploaded={(proof) => void attach(proof.id)} />
        {busy && <View className="body-text">正在提交…</View>}
        {error && (
          <View className="form-error" role="alert">
            {error}
          </View>
        )}
        {!me.phone && (
          <AppButton size="large" block onClick={() => void Taro.navigateTo({ url: routes.phone })}>
            绑定手机号
          </AppButton>
        )}
      </View>
    </>
  );
}
