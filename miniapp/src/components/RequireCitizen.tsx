import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import type { StoredSession } from '../api/session';
import { useSession } from '../hooks/use-session';
import { openSignIn } from '../navigation/navigate';
import { routes } from '../navigation/routes';
import { AppButton } from './AppButton';

/**
 * Pages for veterans and family members only: asks a signed-out visitor to sign in (coming back here after),
 * and tells a staff member this is not for their account.
 */
export function RequireCitizen({ children }: { children: (session: StoredSession) => ReactNode }) {
  const current = useSession();
  if (!current) {
    return (
      <View className="card">
        <View className="card__title">请先登录</View>
        <View className="body-text">登录后才能使用此功能。</View>
        <AppButton className="sign-in-button" type="primary" size="large" block onClick={() => openSignIn()}>
          登录
        </AppButton>
      </View>
    );
  }
  if (current.user.type !== 'citizen') {
    return (
      <View className="card">
        <View className="card__title">工作人员账号不能使用此功能</View>
        <View className="body-text">此功能面向退役军人和家属。</View>
        <AppButton type="primary" size="large" block onClick={() => void Taro.redirectTo({ url: routes.workbench })}>
          进入工作台
        </AppButton>
      </View>
    );
  }
  return <>{children(current)}</>;
}
