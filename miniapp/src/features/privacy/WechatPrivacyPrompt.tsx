import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { privacyPolicy } from '@veterans/shared';
import { useSyncExternalStore } from 'react';
import { AppButton } from '../../components/AppButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { routes } from '../../navigation/routes';
import { wechatPrivacy } from './wechat-privacy';
import './privacy-consent.css';

const PROMPT_AGREE_BUTTON_ID = 'agree-privacy-prompt';

/**
 * Mini-program only: shown on whichever page is open when WeChat asks for privacy authorisation (see
 * ./wechat-privacy). The agree button is WeChat's `agreePrivacyAuthorization` button.
 */
export function WechatPrivacyPrompt() {
  const pending = useSyncExternalStore(wechatPrivacy.subscribe, wechatPrivacy.isPending, wechatPrivacy.isPending);
  return (
    <ConfirmDialog
      id="wechat-privacy"
      visible={pending}
      title="隐私保护提示"
      confirmText="同意"
      cancelText="不同意"
      onConfirm={() => wechatPrivacy.agree(PROMPT_AGREE_BUTTON_ID)}
      onCancel={() => wechatPrivacy.disagree()}
      confirmButton={
        <AppButton
          id={PROMPT_AGREE_BUTTON_ID}
          type="primary"
          size="large"
          block
          openType="agreePrivacyAuthorization"
          onAgreePrivacyAuthorization={() => wechatPrivacy.agree(PROMPT_AGREE_BUTTON_ID)}
        >
          同意
        </AppButton>
      }
    >
      <View>{`使用此功能前，请阅读并同意《${privacyPolicy.title}》。我们只在办事需要时使用您的信息，并加密保存。`}</View>
      <View className="privacy-consent__link" onClick={() => void Taro.navigateTo({ url: routes.privacyPolicy })}>
        {`查看《${privacyPolicy.title}》`}
      </View>
    </ConfirmDialog>
  );
}
