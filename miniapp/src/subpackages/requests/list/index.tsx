import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { RequireCitizen } from '../../../components/RequireCitizen';
import { fetchMyRequests } from '../../../features/requests/api';
import { RequestCard } from '../../../features/requests/RequestCard';
import { needsAttention } from '../../../features/requests/status';
import { routes } from '../../../navigation/routes';
import '../../../features/requests/requests.css';

/** 我的办件: every request I filed, filed for me, or drafted; what needs me first. */
export default function MyRequestsPage() {
  return (
    <PageRoot className="my-requests-page">
      <RequireCitizen>{() => <MyRequests />}</RequireCitizen>
    </PageRoot>
  );
}

function MyRequests() {
  // Loads again when shown again: back from a detail or the form with what changed there.
  const { state, reload } = usePageRequest(fetchMyRequests);
  return (
    <LoadState state={state} onRetry={reload}>
      {(items) =>
        items.length === 0 ? (
          <View className="card">
            <View className="card__title">您还没有办件</View>
            <View className="body-text">在“办事”中选择事项，即可在线申请。</View>
            <AppButton type="primary" size="large" block onClick={() => void Taro.switchTab({ url: routes.services })}>
              去办事
            </AppButton>
            <View className="body-text">曾在服务中心、服务站窗口或电话办理过？认领后即可在这里查看和评价。</View>
            <AppButton size="large" block onClick={() => void Taro.navigateTo({ url: routes.counterClaim })}>
              认领窗口办件
            </AppButton>
          </View>
        ) : (
          <>
            {items.some(needsAttention) && (
              <View className="notice notice--warning">有办件需要您处理或已超过承诺时间，已用颜色标出。</View>
            )}
            {[...items.filter(needsAttention), ...items.filter((item) => !needsAttention(item))].map((item) => (
              <RequestCard key={item.id} item={item} />
            ))}
          </>
        )
      }
    </LoadState>
  );
}
