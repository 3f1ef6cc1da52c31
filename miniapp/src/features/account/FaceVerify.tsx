import { View } from '@tarojs/components';
import type { Me } from '@veterans/shared';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { AppButton } from '../../components/AppButton';
import { type FaceResult, faceResultText, verifyByFace } from './face';

/**
 * 刷脸核验, a third way to be verified where the bureau has WeChat face verification: offered only on weapp and
 * only when the server says it could verify this account now (`me.faceVerification`).
 */
export function FaceVerify({ me, onVerified }: { me: Me; onVerified: () => void }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string; ok: boolean }>();
  if (process.env.TARO_ENV !== 'weapp' || !me.faceVerification) return null;

  const start = async () => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const result: FaceResult = await verifyByFace();
      setOutcome({ text: faceResultText(result), ok: !('cancelled' in result) && result.verified });
      if (!('cancelled' in result) && result.verified) onVerified();
    } catch (failure) {
      setOutcome({
        text: failure instanceof ApiError ? failure.message : '刷脸核验暂时无法使用，请稍后重试',
        ok: false,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card face-verify">
      <View className="card__title">用微信刷脸认证</View>
      <View className="body-text">
        用微信人脸核身确认是您本人：人脸与实名信息一致、且退役军人名册中有您的记录时，立即认证，不必等待工作人员。
      </View>
      {outcome && (
        <View className={outcome.ok ? 'body-text face-verify__result' : 'form-error face-verify__result'} role="status">
          {outcome.text}
        </View>
      )}
      <AppButton className="face-verify__start" type="primary" size="large" block loading={busy} onClick={start}>
        刷脸核验
      </AppButton>
    </View>
  );
}
