import { View } from '@tarojs/components';
import { sensitiveInfoNotice } from '@veterans/shared';
import { AppButton } from '../../components/AppButton';

interface SensitiveConsentProps {
  busy: boolean;
  onAgree: () => void;
  onDecline: () => void;
}

/** The separate notice on sensitive personal information (PIPL), asked before a hardship-aid form opens. */
export function SensitiveConsent({ busy, onAgree, onDecline }: SensitiveConsentProps) {
  return (
    <View className="card sensitive-consent">
      <View className="card__title">{sensitiveInfoNotice.title}</View>
      <View className="body-text sensitive-consent__body">{sensitiveInfoNotice.body}</View>
      <View className="body-text sensitive-consent__version">{`版本 ${sensitiveInfoNotice.version}`}</View>
      <View className="form-actions">
        <AppButton type="primary" size="large" block loading={busy} onClick={onAgree}>
          同意并继续
        </AppButton>
        <AppButton size="large" block disabled={busy} onClick={onDecline}>
          不同意
        </AppButton>
      </View>
    </View>
  );
}
