import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { Session } from '@veterans/shared';
import { useState } from 'react';
import { ApiError } from '../../../api/client';
import { AppButton } from '../../../components/AppButton';
import { PageRoot } from '../../../components/PageRoot';
import {
  bindWechatPhone,
  offerMergeOnPhoneTaken,
  sendSmsCode,
  signInWithSmsCode,
  signInWithWechat,
} from '../../../features/auth/api';
import { SmsCodeForm } from '../../../features/auth/SmsCodeForm';
import { completeCitizenSignIn } from '../../../features/auth/sign-in';
import { PrivacyConsent } from '../../../features/privacy/PrivacyConsent';
import { leaveSignIn } from '../../../navigation/navigate';
import { routes } from '../../../navigation/routes';
import './index.css';

type Step = 'consent' | 'sign-in' | 'phone';

const weapp = process.env.TARO_ENV === 'weapp';

/**
 * Sign-in for veterans and family: the privacy policy first (同意并继续 / 不同意), then WeChat sign-in on the
 * mini-program (and optionally binding the WeChat phone number) or phone + SMS code on H5. Afterwards back to
 * the page in `redirect`.
 */
export default function SignInPage() {
  const { params } = useRouter();
  const redirect = params.redirect;
  const [step, setStep] = useState<Step>('consent');
  const [finishing, setFinishing] = useState(false);
  const [error, setError] = useState<string>();
  /** Signed in, but recording the consent failed: tried again with 重试 (an SMS code works only once). */
  const [unfinished, setUnfinished] = useState<Session>();

  const finish = () => {
    void Taro.showToast({ title: '登录成功', icon: 'success', duration: 1500 });
    leaveSignIn(redirect);
  };

  const signedIn = async (signed: Session) => {
    setFinishing(true);
    setError(undefined);
    try {
      const me = await completeCitizenSignIn(signed);
      setUnfinished(undefined);
      if (weapp && !me.phone) setStep('phone');
      else finish();
    } catch (failure) {
      setUnfinished(signed);
      setError(failure instanceof ApiError ? failure.message : '登录失败，请稍后重试');
    } finally {
      setFinishing(false);
    }
  };

  const disagree = () => {
    void Taro.showToast({ title: '未同意隐私政策，无法登录。您仍可浏览办事指南。', icon: 'none', duration: 2500 });
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.switchTab({ url: routes.home });
  };

  return (
    <PageRoot className="sign-in-page">
      {step === 'consent' && <PrivacyConsent onAgree={() => setStep('sign-in')} onDisagree={disagree} />}
      {step === 'sign-in' && (
        <View className="form-card">
          <View className="form-card__title">登录退役军人服务通</View>
          {error && (
            <View className="form-error" role="alert">
              {error}
            </View>
          )}
          {unfinished ? (
            <AppButton type="primary" size="large" block loading={finishing} onClick={() => void signedIn(unfinished)}>
              重试
            </AppButton>
          ) : weapp ? (
            <WechatSignIn busy={finishing} onSignedIn={signedIn} />
          ) : (
            <SmsSignIn busy={finishing} onSignedIn={signedIn} />
          )}
        </View>
      )}
      {step === 'phone' && <BindPhone onDone={finish} />}
      {!weapp && step !== 'phone' && (
        <View
          className="link-text staff-link"
          onClick={() => void Taro.navigateTo({ url: routes.staffSignIn })}
          {...{ role: 'link', tabIndex: 0 }}
        >
          工作人员登录
        </View>
      )}
    </PageRoot>
  );
}

interface SignInFormProps {
  busy: boolean;
  onSignedIn: (session: Session) => Promise<void>;
}

function WechatSignIn({ busy, onSignedIn }: SignInFormProps) {
  const [signingIn, setSigningIn] = useState(false);
  const signIn = async () => {
    setSigningIn(true);
    try {
      const { code } = await Taro.login();
      await onSignedIn(await signInWithWechat(code));
    } catch (failure) {
      // API errors have shown their toast already; Taro.login failing has not.
      if (!(failure instanceof ApiError)) {
        void Taro.showToast({ title: '微信登录失败，请稍后重试', icon: 'none', duration: 2500 });
      }
    } finally {
      setSigningIn(false);
    }
  };
  return (
    <>
      <View className="form-card__text">使用微信账号登录。首次登录将自动创建账号。</View>
      <AppButton type="primary" size="large" block loading={signingIn || busy} onClick={signIn}>
        微信一键登录
      </AppButton>
    </>
  );
}

function SmsSignIn({ busy, onSignedIn }: SignInFormProps) {
  return (
    <SmsCodeForm
      intro="使用手机号和短信验证码登录。首次登录将自动创建账号。"
      submitLabel="登录"
      submitClassName="sign-in-submit"
      busy={busy}
      sendCode={sendSmsCode}
      onSubmit={async (phone, code) => onSignedIn(await signInWithSmsCode(phone, code))}
    />
  );
}

/** Mini-program, after signing in: optionally bind the WeChat phone number (for SMS notices and staff contact). */
function BindPhone({ onDone }: { onDone: () => void }) {
  const [binding, setBinding] = useState(false);
  return (
    <View className="form-card">
      <View className="form-card__title">绑定手机号（可选）</View>
      <View className="form-card__text">
        绑定微信手机号后，服务站工作人员可以在办理事项时与您联系。您也可以跳过，以后在“我的”页面绑定。
      </View>
      <AppButton
        type="primary"
        size="large"
        block
        loading={binding}
        openType="getPhoneNumber"
        onGetPhoneNumber={async (event) => {
          const code = event.detail.code;
          if (!code) {
            void Taro.showToast({ title: '未获得手机号授权，可稍后在“我的”页面绑定', icon: 'none', duration: 2500 });
            return;
          }
          setBinding(true);
          try {
            await bindWechatPhone(code);
            onDone();
          } catch (failure) {
            // the toast has said why; a phone of another account can be merged
            offerMergeOnPhoneTaken(failure);
          } finally {
            setBinding(false);
          }
        }}
      >
        绑定手机号
      </AppButton>
      <AppButton className="skip-button" size="large" block disabled={binding} onClick={onDone}>
        跳过
      </AppButton>
    </View>
  );
}
