import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { can, staffRoleText } from '@veterans/shared';
import { useCallback } from 'react';
import { usePageRequest } from '../../../api/use-page-request';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { EntryRow } from '../../../components/EntryRow';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { pressable } from '../../../components/pressable';
import { fetchOrgUnits } from '../../../features/account/api';
import { adminLinksFor } from '../../../features/admin/pages';
import { contentAdminLinks } from '../../../features/articles/navigation';
import { signOut } from '../../../features/auth/sign-in';
import { legalDeskLinksFor } from '../../../features/legal/desk';
import { countOpenFollowUps, countQueue, fetchNotifications, fetchUnreadCount } from '../../../features/staff/api';
import { NotificationRow } from '../../../features/staff/Inbox';
import type { QueueFilter } from '../../../features/staff/queue-filter';
import { RequireStaff, type StaffPrincipal } from '../../../features/staff/RequireStaff';
import { queueUrl, staffPages } from '../../../features/staff/routes';
import { routes } from '../../../navigation/routes';
import '../../../features/staff/staff.css';
import './index.css';

const open = (url: string) => () => void Taro.navigateTo({ url });

/**
 * The staff workbench 工作台: who is signed in; for caseworkers (staff and admins) the request counts that lead
 * into the queue and the other work lists; the legal desk, content and statistics pages their role may open
 * (listed by those features); the inbox; 修改密码 and 退出登录. Lawyers get no request queue.
 */
export default function WorkbenchPage() {
  return (
    <PageRoot className="workbench-page staff-page">
      <RequireStaff>{(staff) => <Workbench staff={staff} />}</RequireStaff>
    </PageRoot>
  );
}

function Workbench({ staff }: { staff: StaffPrincipal }) {
  const caseworker = can(staff, 'requests.work');
  return (
    <>
      <View className="card staff-card">
        <View className="staff-card__name">{staff.displayName}</View>
        <View className="staff-card__line">
          <View className="staff-card__label">角色</View>
          <View className="staff-card__value staff-role">{staffRoleText(staff)}</View>
        </View>
        <View className="staff-card__line">
          <View className="staff-card__label">所属单位</View>
          <View className="staff-card__value staff-unit">
            <UnitName unitId={staff.unitId} />
          </View>
        </View>
      </View>

      {caseworker ? (
        <>
          <CountTiles />
          <View className="entry-list">
            <EntryRow title="窗口代办（来访、电话）" onClick={open(staffPages.counter)} />
            <EntryRow title="入户办理（上门代办）" onClick={open(staffPages.homeFiling)} />
            <EntryRow title="办件队列" onClick={open(queueUrl())} />
            <EntryRow title="分配给我的办件" onClick={open(queueUrl({ assignee: 'me' }))} />
            <EntryRow title="实名核验队列" onClick={open(staffPages.verifications)} />
            <EntryRow title="家属关联待确认" onClick={open(staffPages.familyLinks)} />
            <EntryRow title="差评回访整改" onClick={open(staffPages.followUps)} />
            <EntryRow title="常用回复" onClick={open(staffPages.cannedReplies)} />
          </View>
        </>
      ) : (
        <View className="body-text lawyer-note">律师账号不办理办件，请在下方查看法律咨询预约和咨询记录。</View>
      )}

      <LinkSection title="法律咨询" className="legal-links" links={legalDeskLinksFor(staff)} />
      {caseworker && (
        <LinkSection
          title="内容与统计"
          className="content-links"
          links={contentAdminLinks.filter((link) => can(staff, link.ability))}
        />
      )}
      {can(staff, 'staff.administer') && (
        <LinkSection
          title="管理员"
          className="admin-links"
          links={[
            { key: 'unassigned', title: '未分配承办人的办件', url: queueUrl({ assignee: 'none' }) },
            { key: 'follow-ups', title: '差评回访整改（可关闭）', url: staffPages.followUps },
          ]}
        />
      )}

      <LinkSection title="系统管理" className="system-admin-links" links={adminLinksFor(staff)} />

      <InboxPreview />

      <View className="entry-list">
        <EntryRow title="修改密码" onClick={open(routes.changePassword)} />
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
    </>
  );
}

/** A titled group of menu rows (other features' pages: legal desk, articles, statistics). */
function LinkSection({
  title,
  className,
  links,
}: {
  title: string;
  className: string;
  links: readonly { key: string; title: string; url: string }[];
}) {
  if (links.length === 0) return null;
  return (
    <>
      <View className="staff-section-title">{title}</View>
      <View className={`entry-list ${className}`}>
        {links.map((link) => (
          <EntryRow key={link.key} title={link.title} onClick={open(link.url)} />
        ))}
      </View>
    </>
  );
}

interface Tile {
  key: string;
  label: string;
  url: string;
  count: () => Promise<number>;
  alert?: boolean;
}

const queueTile = (key: string, label: string, filter: QueueFilter, alert = false): Tile => ({
  key,
  label,
  url: queueUrl(filter),
  count: () => countQueue(filter),
  alert,
});

const tiles: readonly Tile[] = [
  queueTile('submitted', '待受理', { status: 'submitted' }),
  queueTile('processing', '办理中', { status: 'processing' }),
  queueTile('overdue', '已逾期', { overdue: true }, true),
  queueTile('needs-supplement', '待补正', { status: 'needs_supplement' }),
  { key: 'follow-ups', label: '差评回访', url: staffPages.followUps, count: countOpenFollowUps, alert: true },
];

/** The counts that matter this morning; each opens its list. One failing count shows — and not an error page. */
function CountTiles() {
  const load = useCallback(
    () =>
      Promise.all(
        tiles.map((tile) =>
          tile.count().then(
            (count): number | null => count,
            () => null,
          ),
        ),
      ),
    [],
  );
  const { state } = usePageRequest(load);
  const counts = state.status === 'success' ? state.data : [];
  return (
    <View className="staff-tiles">
      {tiles.map((tile, index) => {
        const count = counts[index];
        const text = state.status === 'loading' ? '…' : count === null || count === undefined ? '—' : String(count);
        const alert = tile.alert && typeof count === 'number' && count > 0;
        return (
          <View
            key={tile.key}
            className={`staff-tile staff-tile--${tile.key} ${alert ? 'staff-tile--alert' : ''}`}
            onClick={open(tile.url)}
            // Named by what it shows: the count, then what is counted.
            {...pressable(open(tile.url), { role: 'link' })}
          >
            <View className="staff-tile__count">{text}</View>
            <View className="staff-tile__label">{tile.label}</View>
          </View>
        );
      })}
    </View>
  );
}

const PREVIEW_SIZE = 3;

function InboxPreview() {
  const load = useCallback(async () => {
    const [page, unread] = await Promise.all([fetchNotifications(1, PREVIEW_SIZE), fetchUnreadCount()]);
    return { items: page.items, total: page.total, unread };
  }, []);
  const { state, reload } = usePageRequest(load);
  const unread = state.status === 'success' ? state.data.unread : 0;
  return (
    <>
      <View className="staff-section-title inbox-title">
        <View>
          消息
          {unread > 0 && <View className="staff-tag staff-tag--unread">{`${unread} 条未读`}</View>}
        </View>
      </View>
      <LoadState state={state} onRetry={reload} isEmpty={(data) => data.items.length === 0} emptyText="暂无消息">
        {(data) => (
          <>
            {data.items.map((notification) => (
              <NotificationRow key={notification.id} notification={notification} onRead={reload} />
            ))}
            {data.total > 0 && (
              <View className="entry-list">
                <EntryRow
                  title="查看全部消息"
                  extra={data.unread > 0 ? `${data.unread} 条未读` : undefined}
                  onClick={open(staffPages.inbox)}
                />
              </View>
            )}
          </>
        )}
      </LoadState>
    </>
  );
}

function UnitName({ unitId }: { unitId: number | null }) {
  const { state } = useRequest(fetchOrgUnits);
  if (unitId === null) return <>—</>;
  if (state.status !== 'success') return <>{state.status === 'loading' ? '正在加载…' : '暂时无法显示'}</>;
  const unit = state.data.find((candidate) => candidate.id === unitId);
  return <>{unit ? unit.name : '单位已停用'}</>;
}
