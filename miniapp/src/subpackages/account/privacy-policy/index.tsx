import { View } from '@tarojs/components';
import { privacyPolicy } from '@veterans/shared';
import { PageRoot } from '../../../components/PageRoot';
import './index.css';

/** The full privacy policy, shipped with the app (the same text `GET /privacy-policy` serves). */
export default function PrivacyPolicyPage() {
  return (
    <PageRoot className="privacy-policy-page">
      <View className="policy">
        <View className="policy__title" role="heading" aria-level={1}>
          {privacyPolicy.title}
        </View>
        <View className="policy__version">{`版本 ${privacyPolicy.version}`}</View>
        {privacyPolicy.sections.map((section) => (
          <View key={section.heading} className="policy__section">
            <View className="policy__heading" role="heading" aria-level={2}>
              {section.heading}
            </View>
            {section.body.split('\n').map((paragraph) => (
              <View key={paragraph} className="policy__paragraph">
                {paragraph}
              </View>
            ))}
          </View>
        ))}
      </View>
    </PageRoot>
  );
}
