import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { privacyPolicy } from '@veterans/shared';
import { AppButton } from '../../components/AppButton';
import { routes } from '../../navigation/routes';
import { privacySummary } from '../about/content';
import { wechatPrivacy } from './wechat-privacy';
import './privacy-consent.css';

export const AGREE_PRIVACY_BUTTON_ID = 'agree-privacy-policy';

interface PrivacyConsentProps {
  onAgree: () => void;
  onDisagree: () => void;
  busy?: boolean;
}

/**
 * The privacy policy in short, with 同意并继续 / 不同意. On the mini-program the agree button is also WeChat's
 * `agreePrivacyAuthorization` button, so one tap answers both our policy and WeChat's privacy check.
 */
export function PrivacyConsent({ onAgree, onDisagree, busy }: PrivacyConsentProps) {
  const weapp = process.env.TARO_ENV === 'weapp';
  return (
    <View className="privacy-consent">
      <View className="privacy-consent__title">{privacyPolicy.title}</View>
      <View className="privacy-consent__version">{`版本 ${privacyPolicy.version}`}</View>
      <View className="privacy-consent__intro">登录前，请阅读并同意隐私政策。要点如下：</View>
      {privacySummary.map((point, index) => (
        <View key={point} className="privacy-consent__point">
          <View className="privacy-consent__number">{index + 1}</View>
          <View className="privacy-consent__text">{point}</View>
        </View>
      ))}
      <View
        className="privacy-consent__link"
        onClick={() => void Taro.navigateTo({ url: routes.privacyPolicy })}
        {...(process.env.TARO_ENV === 'h5' ? { role: 'link', tabIndex: 0 } : {})}
      >
        {`阅读完整的《${privacyPolicy.title}》`}
      </View>
      <View className="privacy-consent__actions">
        <AppButton
          id={AGREE_PRIVACY_BUTTON_ID}
          className="privacy-consent__agree"
          type="primary"
          size="large"
          block
          loading={busy}
          openType={weapp ? 'agreePrivacyAuthorization' : undefined}
          onAgreePrivacyAuthorization={() => {
            if (wechatPrivacy.isPending()) wechatPrivacy.agree(AGREE_PRIVACY_BUTTON_ID);
          }}
          onClick={onAgree}
        >
          同意并继续
        </AppButton>
        <AppButton className="privacy-consent__disagree" size="large" block disabled={busy} onClick={onDisagree}>
          不同意
        </AppButton>
      </View>
    </View>
  );
}
