import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type Me, PRIVACY_POLICY_VERSION, roleLabels } from '@veterans/shared';
import { useState } from 'react';
import type { StoredSession } from '../../api/session';
import { session } from '../../api/session';
import { usePageRequest } from '../../api/use-page-request';
import { AppButton } from '../../components/AppButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EntryRow } from '../../components/EntryRow';
import { LoadState } from '../../components/LoadState';
import { PageRoot } from '../../components/PageRoot';
import { StatusBadge } from '../../components/StatusBadge';
import { accountDeletionNotice } from '../../features/about/content';
import { type AccountDeleted, deleteMyAccount, fetchMe, recordConsent } from '../../features/account/api';
import { identityBadge } from '../../features/account/status';
import { bindWechatPhone, offerMergeOnPhoneTaken } from '../../features/auth/api';
import { signOut } from '../../features/auth/sign-in';
import { CareModeSwitch } from '../../features/care-mode/CareModeSwitch';
import { useUnreadCount } from '../../features/notifications/badge';
import { PrivacyConsent } from '../../features/privacy/PrivacyConsent';
import { openInbox, openMyRequests } from '../../features/requests/navigation';
import { clearAllDrafts } from '../../hooks/drafts';
import { useSession } from '../../hooks/use-session';
import { openSignIn } from '../../navigation/navigate';
import { routes } from '../../navigation/routes';
import './index.css';

const open = (url: string) => () => void Taro.navigateTo({ url });

export default function MinePage() {
  const current = useSession();
  const unread = useUnreadCount();
  const [deleted, setDeleted] = useState<AccountDeleted | null>(null);
  return (
    <PageRoot className="mine-page" tab={{ current: 'mine', unread }}>
      {!current && <SignedOut />}
      {current?.user.type === 'staff' && <StaffSignedIn current={current} />}
      {current?.user.type === 'citizen' && <CitizenSignedIn unread={unread} onDeleted={setDeleted} />}
      {current?.user.type !== 'staff' && <CareModeSwitch />}
      <CellGroup className="about-group" title="关于">
        <Cell className="app-version" title="当前版本" extra={process.env.TARO_APP_VERSION} />
      </CellGroup>
      <View className="entry-list">
        <EntryRow title="隐私政策" onClick={open(routes.privacyPolicy)} />
      </View>
      <View className="entry-list contact-us">
        <EntryRow title="联系我们" extra="地址、电话、地图" onClick={open(routes.contact)} />
      </View>
      <ConfirmDialog
        id="account-deleted"
        visible={deleted !== null}
        title="账号已注销"
        confirmText="知道了"
        cancelText="返回首页"
        onConfirm={() => setDeleted(null)}
        onCancel={() => {
          setDeleted(null);
          void Taro.switchTab({ url: routes.home });
        }}
      >
        <View className="dialog-paragraph">{deleted?.message}</View>
        {deleted?.retained.map((item) => (
          <View key={item} className="dialog-list-item">
            {`· ${item}`}
          </View>
        ))}
      </ConfirmDialog>
    </PageRoot>
  );
}

function SignedOut() {
  return (
    <View className="card welcome-card">
      <View className="card__title">您还没有登录</View>
      <View className="body-text">登录后可以实名认证、关联家属，在线办理事项并查看进度。</View>
      <AppButton
        className="sign-in-button"
        type="primary"
        size="large"
        block
        onClick={() => openSignIn({ redirect: routes.mine })}
      >
        登录
      </AppButton>
    </View>
  );
}

function StaffSignedIn({ current }: { current: StoredSession }) {
  return (
    <View className="card">
      <View className="card__title">{current.user.displayName}</View>
      <View className="body-text">{`您已使用${roleLabels[current.user.role]}账号登录。`}</View>
      <AppButton type="primary" size="large" block onClick={open(routes.workbench)}>
        进入工作台
      </AppButton>
    </View>
  );
}

function CitizenSignedIn({ unread, onDeleted }: { unread: number; onDeleted: (result: AccountDeleted) => void }) {
  // Loads again when the tab shows again: back from the identity or family pages with what changed there.
  const { state, reload } = usePageRequest(fetchMe);
  return (
    <LoadState state={state} onRetry={reload}>
      {(me) => <Profile me={me} unread={unread} onChanged={reload} onDeleted={onDeleted} />}
    </LoadState>
  );
}

interface ProfileProps {
  me: Me;
  /** Unread messages, shown on the 消息 entry. */
  unread: number;
  onChanged: () => void;
  onDeleted: (result: AccountDeleted) => void;
}

function Profile({ me, unread, onChanged, onDeleted }: ProfileProps) {
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [consenting, setConsenting] = useState(false);
  const badge = identityBadge(me);
  const weapp = process.env.TARO_ENV === 'weapp';
  const consentOutdated = me.consents.privacyPolicyVersion !== PRIVACY_POLICY_VERSION;

  const signOutNow = async () => {
    await signOut();
    void Taro.showToast({ title: '已退出登录', icon: 'none', duration: 1500 });
  };

  const deleteAccount = async () => {
    setDeleting(true);
    try {
      const result = await deleteMyAccount();
      session.clear();
      clearAllDrafts();
      setConfirmingDelete(false);
      onDeleted(result);
    } catch {
      // the toast has said why; the account is unchanged
    } finally {
      setDeleting(false);
    }
  };

  if (consentOutdated) {
    return (
      <View className="consent-update">
        <View className="consent-update__notice" role="status">
          隐私政策已更新，请阅读并同意后继续使用。
        </View>
        <PrivacyConsent
          busy={consenting}
          onAgree={async () => {
            setConsenting(true);
            try {
              await recordConsent('privacy-policy', PRIVACY_POLICY_VERSION, true);
              onChanged();
            } catch {
              // toast shown
            } finally {
              setConsenting(false);
            }
          }}
          onDisagree={signOutNow}
        />
      </View>
    );
  }

  return (
    <>
      <View className="card profile-card">
        <View className="profile-card__head">
          <View className="profile-card__name">{me.identity?.name ?? '未实名'}</View>
          <StatusBadge badge={badge} />
        </View>
        <View className="profile-line">
          <View className="profile-line__label">手机号</View>
          <View className="profile-line__value profile-phone">{me.phone ?? '未绑定'}</View>
        </View>
        <View className="profile-line">
          <View className="profile-line__label">身份证号</View>
          <View className="profile-line__value profile-id-number">{me.identity?.idNumber ?? '未实名认证'}</View>
        </View>
        {weapp && !me.phone && (
          <AppButton
            className="bind-phone-button"
            size="large"
            block
            openType="getPhoneNumber"
            onGetPhoneNumber={async (event) => {
              if (!event.detail.code) return;
              try {
                await bindWechatPhone(event.detail.code);
                onChanged();
              } catch (failure) {
                // the toast has said why; a phone of another account can be merged
                offerMergeOnPhoneTaken(failure);
              }
            }}
          >
            绑定微信手机号
          </AppButton>
        )}
      </View>
      <View className="entry-list">
        <EntryRow title="我的办件" extra="查看进度" onClick={openMyRequests} />
        <EntryRow title="消息" extra={unread > 0 ? `${unread} 条未读` : undefined} onClick={openInbox} />
        <EntryRow title="入户办理" extra="行动不便可申请上门" onClick={open(routes.homeFiling)} />
      </View>
      <View className="entry-list">
        <EntryRow title="实名认证" extra={me.identity ? badge.text : '去认证'} onClick={open(routes.identity)} />
        <EntryRow title="手机号" extra={me.phone ? '更换' : '绑定'} onClick={open(routes.phone)} />
        <EntryRow title="家属关联" onClick={open(routes.familyLinks)} />
        <EntryRow title="导出我的数据" onClick={open(routes.exportData)} />
        <EntryRow title="注销账号" danger onClick={() => setConfirmingDelete(true)} />
      </View>
      <AppButton className="sign-out-button" size="large" block onClick={signOutNow}>
        退出登录
      </AppButton>
      <ConfirmDialog
        id="delete-account"
        visible={confirmingDelete}
        title="注销账号"
        confirmText="确认注销"
        danger
        busy={deleting}
        onConfirm={deleteAccount}
        onCancel={() => setConfirmingDelete(false)}
      >
        <View className="dialog-paragraph">注销后不能恢复。以下信息将被删除：</View>
        {accountDeletionNotice.deleted.map((item) => (
          <View key={item} className="dialog-list-item">
            {`· ${item}`}
          </View>
        ))}
        <View className="dialog-paragraph">以下信息依法或按规定保留：</View>
        {accountDeletionNotice.retained.map((item) => (
          <View key={item} className="dialog-list-item">
            {`· ${item}`}
          </View>
        ))}
      </ConfirmDialog>
    </>
  );
}
