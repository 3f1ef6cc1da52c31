import { View } from '@tarojs/components';
import { usePageRequest } from '../../../api/use-page-request';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { contactEntries } from '../../../features/about/content';
import { UnitContact } from '../../../features/about/UnitContact';
import { contactUnits } from '../../../features/about/units';
import { fetchOrgUnits } from '../../../features/account/api';

/** 联系我们: the service centre and the stations people can reach, with address, phone and map; then what is where. */
export default function ContactPage() {
  const { state, reload } = usePageRequest(fetchOrgUnits);
  return (
    <PageRoot className="contact-page">
      <View className="section-title">服务中心和服务站</View>
      <LoadState
        state={state}
        onRetry={reload}
        isEmpty={(units) => contactUnits(units).length === 0}
        emptyText="暂无服务中心和服务站的联系方式"
      >
        {(units) => (
          <View className="card contact-units">
            {contactUnits(units).map((unit) => (
              <UnitContact key={unit.id} unit={unit} />
            ))}
          </View>
        )}
      </LoadState>
      <View className="section-title">服务说明</View>
      <View className="card">
        {contactEntries.map((entry) => (
          <View key={entry.title} className="contact-entry">
            <View className="card__title">{entry.title}</View>
            <View className="body-text">{entry.text}</View>
          </View>
        ))}
      </View>
    </PageRoot>
  );
}
