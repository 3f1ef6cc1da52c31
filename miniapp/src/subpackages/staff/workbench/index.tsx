import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { roleLabels } from '@veterans/shared';
import { useEffect } from 'react';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { EntryRow } from '../../../components/EntryRow';
import { PageRoot } from '../../../components/PageRoot';
import { fetchOrgUnits } from '../../../features/account/api';
import { signOut } from '../../../features/auth/sign-in';
import { useSession } from '../../../hooks/use-session';
import { openSignIn } from '../../../navigation/navigate';
import { routes } from '../../../navigation/routes';
import './index.css';

/**
 * The staff workbench 工作台. For now it shows who is signed in (name, role, unit) with 修改密码 and 退出登录;
 * the request queue, bookings and statistics are added here as they are built.
 */
export default function WorkbenchPage() {
  const current = useSession();
  const staff = current?.user.type === 'staff' ? current.user : null;

  useEffect(() => {
    // A temporary password must be changed before anything else.
    if (staff?.mustChangePassword) void Taro.redirectTo({ url: routes.changePassword });
  }, [staff?.mustChangePassword]);

  if (!staff) {
    return (
      <PageRoot className="workbench-page">
        <View className="card">
          <View className="card__title">请先登录工作人员账号</View>
          <View className="body-text">工作台供服务中心、服务站工作人员、值班律师和管理员使用。</View>
          <AppButton type="primary" size="large" block onClick={() => openSignIn({ staff: true })}>
            工作人员登录
          </AppButton>
        </View>
      </PageRoot>
    );
  }

  return (
    <PageRoot className="workbench-page">
      <View className="card staff-card">
        <View className="staff-card__name">{staff.displayName}</View>
        <View className="staff-card__line">
          <View className="staff-card__label">角色</View>
          <View className="staff-card__value staff-role">{roleLabels[staff.role]}</View>
        </View>
        <View className="staff-card__line">
          <View className="staff-card__label">所属单位</View>
          <View className="staff-card__value staff-unit">
            <UnitName unitId={staff.unitId} />
          </View>
        </View>
      </View>
      <View className="entry-list">
        <EntryRow title="修改密码" onClick={() => void Taro.navigateTo({ url: routes.changePassword })} />
      </View>
      <AppButton
        className="sign-out-button"
        size="large"
        block
        onClick={async () => {
          await signOut();
          void Taro.showToast({ title: '已退出登录', icon: 'none', duration: 1500 });
          void Taro.reLaunch({ url: routes.staffSignIn });
        }}
      >
        退出登录
      </AppButton>
    </PageRoot>
  );
}

function UnitName({ unitId }: { unitId: number | null }) {
  const { state } = useRequest(fetchOrgUnits);
  if (unitId === null) return <>—</>;
  if (state.status !== 'success') return <>{state.status === 'loading' ? '正在加载…' : '暂时无法显示'}</>;
  const unit = state.data.find((candidate) => candidate.id === unitId);
  return <>{unit ? unit.name : '单位已停用'}</>;
}
