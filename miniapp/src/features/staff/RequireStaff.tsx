import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type Ability, abilityDenials, can } from '@veterans/shared';
import { type ReactNode, useEffect } from 'react';
import type { StoredSession } from '../../api/session';
import { AppButton } from '../../components/AppButton';
import { useSession } from '../../hooks/use-session';
import { openSignIn } from '../../navigation/navigate';
import { routes } from '../../navigation/routes';

export type StaffPrincipal = StoredSession['user'];

interface RequireStaffProps {
  /** What the page is for, from the shared ability table (the server checks the same ability again). */
  ability?: Ability;
  children: (staff: StaffPrincipal) => ReactNode;
}

/**
 * Pages of the workbench: a signed-out visitor (or a citizen) is asked to sign in with a staff account; a
 * temporary password is changed first; an account without the page's ability is told why, in the words the API
 * uses for the same refusal.
 */
export function RequireStaff({ ability, children }: RequireStaffProps) {
  const current = useSession();
  const staff = current?.user.type === 'staff' ? current.user : null;

  useEffect(() => {
    if (staff?.mustChangePassword) void Taro.redirectTo({ url: routes.changePassword });
  }, [staff?.mustChangePassword]);

  if (!staff) {
    return (
      <View className="card">
        <View className="card__title">请先登录工作人员账号</View>
        <View className="body-text">工作台供服务中心、服务站工作人员、值班律师和管理员使用。</View>
        <AppButton type="primary" size="large" block onClick={() => openSignIn({ staff: true })}>
          工作人员登录
        </AppButton>
      </View>
    );
  }
  if (staff.mustChangePassword) return <View className="load-state">正在打开修改密码…</View>;
  if (ability && !can(staff, ability)) {
    return (
      <View className="card">
        <View className="card__title">您的账号不能使用此页面</View>
        <View className="body-text">{`${abilityDenials[ability]}。`}</View>
        <AppButton size="large" block onClick={() => void Taro.redirectTo({ url: routes.workbench })}>
          返回工作台
        </AppButton>
      </View>
    );
  }
  return <>{children(staff)}</>;
}
