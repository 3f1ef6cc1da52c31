import { View } from '@tarojs/components';
import { serviceCatalog } from '@veterans/shared';
import { PageRoot } from '../../components/PageRoot';
import { HomeNewsSection } from '../../features/articles/HomeNewsSection';
import { CareHome } from '../../features/care-mode/CareHome';
import { useCareMode } from '../../features/care-mode/store';
import { LegalEntryTile } from '../../features/legal/LegalEntryTile';
import { useUnreadCount } from '../../features/notifications/badge';
import { Shortcuts } from '../../features/requests/Shortcuts';
import { ServiceCard } from '../../features/services/ServiceCard';
import './index.css';

export default function HomePage() {
  const unread = useUnreadCount();
  // 关怀模式: the simplified home page with four large tiles.
  const careMode = useCareMode();
  if (careMode) return <CareHome unread={unread} />;
  return (
    <PageRoot className="home-page" tab={{ current: 'home', unread }}>
      <View className="welcome">
        <View className="welcome__title">欢迎您</View>
        <View className="welcome__text">魏都区退役军人事务局为您提供线上服务。在线申请、查看进度，足不出户办事。</View>
      </View>
      <Shortcuts unread={unread} />
      <LegalEntryTile />
      <HomeNewsSection />
      <View className="section-title">办事事项</View>
      {/* The catalog ships with the app (the shared package the API serves it from): shown at once, even offline. */}
      {serviceCatalog.map((service) => (
        <ServiceCard key={service.code} service={service} />
      ))}
    </PageRoot>
  );
}
