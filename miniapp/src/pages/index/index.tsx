import { View } from '@tarojs/components';
import { LoadState } from '../../components/LoadState';
import { PageRoot } from '../../components/PageRoot';
import { useServiceCatalog } from '../../features/services/hooks';
import { ServiceCard } from '../../features/services/ServiceCard';
import './index.css';

export default function HomePage() {
  const { state, reload } = useServiceCatalog();
  return (
    <PageRoot className="home-page">
      <View className="welcome">
        <View className="welcome__title">欢迎您</View>
        <View className="welcome__text">魏都区退役军人事务局为您提供线上服务。点击下方事项，即可查看办事指南。</View>
      </View>
      <View className="section-title">办事事项</View>
      <LoadState state={state} onRetry={reload} isEmpty={(items) => items.length === 0} emptyText="暂无可办理的事项">
        {(services) => services.map((service) => <ServiceCard key={service.code} service={service} />)}
      </LoadState>
    </PageRoot>
  );
}
