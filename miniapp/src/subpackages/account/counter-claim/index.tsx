import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { session } from '../../../api/session';
import { AppButton } from '../../../components/AppButton';
import { PageRoot } from '../../../components/PageRoot';
import { RequireCitizen } from '../../../components/RequireCitizen';
import { TextField } from '../../../components/TextField';
import { claimCounterRecord } from '../../../features/counter/api';
import { routes } from '../../../navigation/routes';

/**
 * 认领窗口办件: someone staff registered at a service counter takes that record over in the app. The server
 * checks that this account proved the phone given at the counter and that name and ID number match; then this
 * sign-in becomes the counter record's (a new session replaces the stored one) and its requests show in 我的办件.
 */
export default function CounterClaimPage() {
  return (
    <PageRoot className="counter-claim-page">
      <RequireCitizen>{() => <ClaimForm />}</RequireCitizen>
    </PageRoot>
  );
}

function ClaimForm() {
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const claim = async () => {
    setBusy(true);
    setErrors({});
    try {
      session.set(await claimCounterRecord({ name: name.trim(), idNumber: idNumber.trim() }));
      void Taro.showToast({ title: '认领成功', icon: 'success', duration: 1500 });
      void Taro.redirectTo({ url: routes.myRequests });
    } catch (caught) {
      const fields = fieldErrorsOf(caught);
      setErrors(
        Object.keys(fields).length > 0 ? fields : { form: caught instanceof ApiError ? caught.message : '认领失败' },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card">
      <View className="card__title">认领在服务站窗口办理的办件</View>
      <View className="body-text">
        请用在窗口登记的手机号登录（小程序里请先授权该微信手机号），再填写身份证上的姓名和号码。三者都与登记一致才能认领。
      </View>
      <TextField id="claim-name" label="姓名" value={name} onChange={setName} error={errors['body.name']} />
      <TextField
        id="claim-id-number"
        label="身份证号码"
        value={idNumber}
        onChange={setIdNumber}
        error={errors['body.idNumber']}
        maxlength={18}
      />
      {errors.form && (
        <View className="form-error" role="alert">
          {errors.form}
        </View>
      )}
      <AppButton type="primary" size="large" block loading={busy} onClick={() => void claim()}>
        认领
      </AppButton>
    </View>
  );
}
