import { Tag } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { ServiceGuide } from '@veterans/shared';
import type { ReactNode } from 'react';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { ServiceGuideArticles } from '../../../features/articles/ServiceGuideArticles';
import { CardSelfCheck } from '../../../features/preferential-card/CardSelfCheck';
import { ApplyActions } from '../../../features/requests/ApplyActions';
import { useServiceGuide } from '../../../features/services/hooks';
import { PromisedTime } from '../../../features/services/PromisedTime';
import './index.css';

export default function ServiceGuidePage() {
  const { params } = useRouter();
  const { state, reload } = useServiceGuide(params.code ?? '');
  return (
    <PageRoot className="guide-page">
      <LoadState state={state} onRetry={reload}>
        {(guide) => <Guide guide={guide} />}
      </LoadState>
    </PageRoot>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className="guide-section">
      <View className="guide-section__title">{title}</View>
      {children}
    </View>
  );
}

function Guide({ guide }: { guide: ServiceGuide }) {
  return (
    <>
      <View className="guide-header">
        <View className="guide-header__name">{guide.name}</View>
        <PromisedTime days={guide.promisedWorkingDays} />
        {guide.code === 'preferential-card' && <CardSelfCheck />}
        <ApplyActions serviceCode={guide.code} />
      </View>
      <Section title="事项说明">
        <View className="body-text">{guide.description}</View>
        {guide.involvesSensitiveData && (
          <View className="guide-notice">本事项涉及敏感个人信息，提交申请前需要您单独同意。</View>
        )}
      </Section>
      <Section title="办理条件">
        <View className="body-text">{guide.eligibility}</View>
      </Section>
      <Section title="所需材料">
        {guide.materials.length === 0 && <View className="body-text">无需提交材料。</View>}
        {guide.materials.map((material) => (
          <View key={material.name} className="material-item">
            <View className="material-item__line">
              <View className="material-item__name">{material.name}</View>
              <Tag className="material-tag" type={material.required ? 'primary' : 'default'} plain={!material.required}>
                {material.required ? '必需' : '可选'}
              </Tag>
            </View>
            {material.note && <View className="material-item__note">{material.note}</View>}
          </View>
        ))}
      </Section>
      <Section title="办理流程">
        {guide.steps.map((step, index) => (
          <View key={step} className="step-item">
            <View className="step-item__number">{index + 1}</View>
            <View className="step-item__text">{step}</View>
          </View>
        ))}
      </Section>
      <Section title="承诺时限">
        <View className="body-text">{`${guide.promisedWorkingDays} 个工作日（法定节假日不计算在内）`}</View>
      </Section>
      <Section title="办理单位">
        <View className="body-text">{guide.handledByLabel}</View>
      </Section>
      <ServiceGuideArticles serviceCode={guide.code} />
    </>
  );
}
