import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { serviceCatalog } from '@veterans/shared';
import { PageRoot } from '../../components/PageRoot';
import { pressable } from '../../components/pressable';
import { LegalEntryTile } from '../../features/legal/LegalEntryTile';
import { useUnreadCount } from '../../features/notifications/badge';
import { MyDrafts } from '../../features/requests/MyDrafts';
import { groupByHandler } from '../../features/services/catalog';
import { openServiceGuide } from '../../features/services/navigation';
import { PromisedTime } from '../../features/services/PromisedTime';
import './index.css';

export default function ServicesPage() {
  const unread = useUnreadCount();
  return (
    <PageRoot className="services-page" tab={{ current: 'services', unread }}>
      <MyDrafts />
      <View className="body-text">按受理单位分类。点击事项查看办事指南，在线申请。</View>
      {/* 法律咨询 is booked, not applied for: not in the catalog, but found here as well as on the home page. */}
      <LegalEntryTile />
      {groupByHandler(serviceCatalog).map((group) => (
        <CellGroup key={group.level} className="service-group" title={`${group.label}受理`}>
          {group.services.map((service, index) => (
            // NutUI's Cell passes no role or tab stop to its element: the wrapper is the link, named by the
            // Cell's visible text (name, summary, promised time, 查看).
            <View
              key={service.code}
              className="service-item-link"
              onClick={() => openServiceGuide(service.code)}
              {...pressable(() => openServiceGuide(service.code), { role: 'link' })}
            >
              <Cell
                className="service-item"
                title={service.name}
                description={
                  <>
                    <View>{service.summary}</View>
                    <PromisedTime days={service.promisedWorkingDays} />
                  </>
                }
                extra="查看"
                align="center"
                clickable
                isLast={index === group.services.length - 1}
              />
            </View>
          ))}
        </CellGroup>
      ))}
    </PageRoot>
  );
}
