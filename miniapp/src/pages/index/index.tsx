import { View } from '@tarojs/components';
import { LoadState } from '../../components/LoadState';
import { PageRoot } from '../../components/PageRoot';
import { HomeNewsSection } from '../../features/articles/HomeNewsSection';
import { CareHome } from '../../features/care-mode/CareHome';
import { useCareMode } from '../../features/care-mode/store';
import { LegalEntryTile } from '../../features/legal/LegalEntryTile';
import { useUnreadCount } from '../../features/notifications/badge';
import { Shortcuts } from '../../features/requests/Shortcuts';
import { useServiceCatalog } from '../../features/services/hooks';
import { ServiceCard } from '../../features/services/ServiceCard';
import './index.css';

export default function HomePage() {
  const { state, reload } = useServiceCatalog();
  const unread = useUnreadCount();
  // 关怀模式: the simplified home page with four large tiles.
  const careMode = useCareMode();
  if (careMode) return <CareHome />;
  return (
    <PageRoot className="home-page">
      <View className="welcome">
        <View className="welcome__title">欢迎您</View>
        <View className="welcome__text">魏都区退役军人事务局为您提供线上服务。在线申请、查看进度，足不出户办事。</View>
      </View>
      <Shortcuts unread={unread} />
      <LegalEntryTile />
      <HomeNewsSection />
      <View className="section-title">办事事项</View>
      <LoadState state={state} onRetry={reload} isEmpty={(items) => items.length === 0} emptyText="暂无可办理的事项">
        {(services) => services.map((service) => <ServiceCard key={service.code} service={service} />)}
      </LoadState>
    </PageRoot>
  );
}
