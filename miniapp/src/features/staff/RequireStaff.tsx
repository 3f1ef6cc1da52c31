import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ReactNode, useEffect } from 'react';
import type { StoredSession } from '../../api/session';
import { AppButton } from '../../components/AppButton';
import { useSession } from '../../hooks/use-session';
import { openSignIn } from '../../navigation/navigate';
import { routes } from '../../navigation/routes';

export type StaffPrincipal = StoredSession['user'];

interface RequireStaffProps {
  /** The page works requests (queue, detail, verifications …): lawyers are told it is not for them. */
  caseworker?: boolean;
  children: (staff: StaffPrincipal) => ReactNode;
}

/**
 * Pages of the workbench: a signed-out visitor (or a citizen) is asked to sign in with a staff account; a
 * temporary password is changed first; lawyers do not work requests (the server answers them 403 anyway).
 */
export function RequireStaff({ caseworker = false, children }: RequireStaffProps) {
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
  if (caseworker && staff.role === 'lawyer') {
    return (
      <View className="card">
        <View className="card__title">律师账号不办理办件</View>
        <View className="body-text">此页面供服务中心、服务站工作人员使用。</View>
        <AppButton size="large" block onClick={() => void Taro.redirectTo({ url: routes.workbench })}>
          返回工作台
        </AppButton>
      </View>
    );
  }
  return <>{children(staff)}</>;
}
