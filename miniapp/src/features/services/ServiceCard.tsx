import { View } from '@tarojs/components';
import type { ServiceSummary } from '@veterans/shared';
import { openServiceGuide } from './navigation';
import { PromisedTime } from './PromisedTime';
import './service-card.css';

export function ServiceCard({ service }: { service: ServiceSummary }) {
  return (
    <View className="service-card" ariaRole="button" onClick={() => openServiceGuide(service.code)}>
      <View className="service-card__name">{service.name}</View>
      <View className="service-card__summary">{service.summary}</View>
      <PromisedTime days={service.promisedWorkingDays} />
    </View>
  );
}
