import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type Role, roleLabels } from '@veterans/shared';
import { type ReactNode, useEffect } from 'react';
import type { StoredSession } from '../../api/session';
import { AppButton } from '../../components/AppButton';
import { useSession } from '../../hooks/use-session';
import { openSignIn } from '../../navigation/navigate';
import { routes } from '../../navigation/routes';
import type { DeskRole } from './desk';

export type DeskPrincipal = StoredSession['user'] & { role: DeskRole };

interface RequireDeskProps {
  /** The roles the page is for (the server checks again, and refuses station staff the centre's pages). */
  roles: readonly DeskRole[];
  children: (staff: DeskPrincipal) => ReactNode;
}

/**
 * The centre's desk pages: a signed-out visitor (or a citizen) is asked to sign in with a staff account; a
 * temporary password is changed first; a role the page is not for is told so.
 */
export function RequireDesk({ roles, children }: RequireDeskProps) {
  const current = useSession();
  const staff = current?.user.type === 'staff' ? current.user : null;

  useEffect(() => {
    if (staff?.mustChangePassword) void Taro.redirectTo({ url: routes.changePassword });
  }, [staff?.mustChangePassword]);

  if (!staff) {
    return (
      <View className="card">
        <View className="card__title">请先登录工作人员账号</View>
        <View className="body-text">此页面供服务中心工作人员、值班律师和管理员使用。</View>
        <AppButton type="primary" size="large" block onClick={() => openSignIn({ staff: true })}>
          工作人员登录
        </AppButton>
      </View>
    );
  }
  if (staff.mustChangePassword) return <View className="load-state">正在打开修改密码…</View>;
  if (!(roles as readonly Role[]).includes(staff.role)) {
    return (
      <View className="card">
        <View className="card__title">{`${roleLabels[staff.role]}账号不能使用此页面`}</View>
        <View className="body-text">{`此页面供${roles.map((role) => roleLabels[role]).join('、')}使用。`}</View>
        <AppButton size="large" block onClick={() => void Taro.redirectTo({ url: routes.workbench })}>
          返回工作台
        </AppButton>
      </View>
    );
  }
  return <>{children(staff as DeskPrincipal)}</>;
}
