import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { RequestState } from '../api/use-request';
import { openPage } from '../navigation/navigate';
import { routes } from '../navigation/routes';
import './load-state.css';

interface LoadStateProps<T> {
  state: RequestState<T>;
  onRetry: () => void;
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => ReactNode;
}

/** Shows loading, error (with 重试) and empty states; renders `children` once there is data. */
export function LoadState<T>({ state, onRetry, isEmpty, emptyText = '暂无内容', children }: LoadStateProps<T>) {
  if (state.status === 'loading') return <View className="load-state load-state--loading">正在加载…</View>;
  if (state.status === 'error') {
    return (
      <View className="load-state load-state--error">
        <View className="load-state__message">{state.message}</View>
        {state.retryable === false ? (
          <Button className="retry-button" type="primary" size="large" onClick={() => openPage(routes.home)}>
            返回首页
          </Button>
        ) : (
          <Button className="retry-button" type="primary" size="large" onClick={onRetry}>
            重试
          </Button>
        )}
      </View>
    );
  }
  if (isEmpty?.(state.data)) return <View className="load-state load-state--empty">{emptyText}</View>;
  return <>{children(state.data)}</>;
}
