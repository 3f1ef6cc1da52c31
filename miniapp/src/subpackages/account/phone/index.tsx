import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { MERGE_PROMPT_TEXT } from '@veterans/shared';
import { useState } from 'react';
import { ApiError } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { PageRoot } from '../../../components/PageRoot';
import { RequireCitizen } from '../../../components/RequireCitizen';
import { bindPhoneBySms, sendPhoneCode } from '../../../features/auth/api';
import { SmsCodeForm } from '../../../features/auth/SmsCodeForm';
import './index.css';

/**
 * 绑定/更换手机号 by SMS code. When the number is already another account's sign-in phone (made by a WeChat sign-in
 * and an SMS sign-in of the same person), the page asks whether to merge that account into this one; the same
 * code confirms it. `?merge=1`: opened after WeChat's phone button found such an account.
 */
export default function PhonePage() {
  return (
    <PageRoot className="phone-page">
      <RequireCitizen>{() => <PhoneForm />}</RequireCitizen>
    </PageRoot>
  );
}

function PhoneForm() {
  const { params } = useRouter();
  const [pending, setPending] = useState<{ phone: string; code: string }>();
  const [merging, setMerging] = useState(false);
  const [refusal, setRefusal] = useState<string>();

  const done = (merged: boolean) => {
    void Taro.showToast({ title: merged ? '账号已合并' : '手机号已绑定', icon: 'success', duration: 1500 });
    void Taro.navigateBack();
  };

  const bind = async (phone: string, code: string) => {
    setRefusal(undefined);
    try {
      done((await bindPhoneBySms(phone, code)).merged);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'PHONE_TAKEN') setPending({ phone, code });
      else if (failure instanceof ApiError && failure.code === 'ACCOUNT_MERGE_REFUSED') setRefusal(failure.message);
      else throw failure;
    }
  };

  const merge = async () => {
    if (!pending) return;
    setMerging(true);
    try {
      done((await bindPhoneBySms(pending.phone, pending.code, true)).merged);
    } catch (failure) {
      setPending(undefined);
      setRefusal(failure instanceof ApiError ? failure.message : '合并失败，请稍后重试');
    } finally {
      setMerging(false);
    }
  };

  return (
    <View className="form-card">
      <View className="form-card__title">{params.merge ? '合并账号' : '绑定手机号'}</View>
      {params.merge && (
        <View className="form-card__text" role="status">
          您的微信手机号已是另一个账号的登录手机号。输入该手机号并填写收到的验证码，确认后可将两个账号合并。
        </View>
      )}
      <SmsCodeForm
        intro="绑定后可用该手机号登录网页版，服务站工作人员也可以通过它与您联系。原登录手机号将被替换。"
        submitLabel="确定"
        submitClassName="bind-phone-submit"
        sendCode={sendPhoneCode}
        onSubmit={bind}
      />
      {refusal && (
        <View className="form-error merge-refused" role="alert">
          {refusal}
        </View>
      )}
      <ConfirmDialog
        id="merge-accounts"
        visible={pending !== undefined}
        title="合并账号"
        confirmText="确认合并"
        busy={merging}
        onConfirm={() => void merge()}
        onCancel={() => setPending(undefined)}
      >
        <View className="dialog-paragraph">{MERGE_PROMPT_TEXT}</View>
        <View className="dialog-paragraph">只有两个账号都是您本人的，才能合并。合并后不能拆分。</View>
      </ConfirmDialog>
    </View>
  );
}
