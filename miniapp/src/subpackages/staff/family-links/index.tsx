import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { relationshipLabels, type StaffFamilyLink } from '@veterans/shared';
import { useCallback, useState } from 'react';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { confirmFamilyLink, fetchPendingFamilyLinks } from '../../../features/staff/api';
import { dateTimeText } from '../../../features/staff/format';
import { Pager } from '../../../features/staff/Pager';
import { RequireStaff } from '../../../features/staff/RequireStaff';
import '../../../features/staff/staff.css';

/**
 * 家属关联待确认: family members who asked to act for a veteran of the caller's area. The veteran usually confirms
 * in the app; staff confirm for veterans who cannot (after checking in person).
 */
export default function StaffFamilyLinksPage() {
  return (
    <PageRoot className="staff-family-links-page staff-page">
      <RequireStaff ability="veterans.verify">{() => <PendingLinks />}</RequireStaff>
    </PageRoot>
  );
}

function PendingLinks() {
  const [page, setPage] = useState(1);
  const load = useCallback(() => fetchPendingFamilyLinks(page), [page]);
  const { state, reload } = usePageRequest(load);
  const [confirming, setConfirming] = useState<StaffFamilyLink | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = async (link: StaffFamilyLink) => {
    setBusy(true);
    try {
      await confirmFamilyLink(link.id);
      setConfirming(null);
      void Taro.showToast({ title: '已确认关联', icon: 'none', duration: 1500 });
      reload();
    } catch {
      // the client showed why
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <View className="body-text staff-intro">
        退役军人本人可以在小程序中确认。本人无法操作时（如年老、重病），请当面或电话核实后代为确认。
      </View>
      <LoadState
        state={state}
        onRetry={reload}
        isEmpty={(data) => data.items.length === 0}
        emptyText="暂无待确认的家属关联"
      >
        {(data) => (
          <>
            {data.items.map((link) => (
              <View key={link.id} className="queue-item family-link-item">
                <View className="queue-item__head">
                  <View className="queue-item__service">
                    {`${link.familyName}（${relationshipLabels[link.relationship]}）→ ${link.veteranName}`}
                  </View>
                </View>
                <View className="queue-item__line">{`退役军人所属：${link.veteranCommunityName ?? '未选择社区'}`}</View>
                <View className="queue-item__line">{`申请于 ${dateTimeText(link.createdAt)}`}</View>
                <View className="staff-actions">
                  <AppButton
                    type="primary"
                    label={`确认关联：${link.familyName} 与 ${link.veteranName}`}
                    onClick={() => setConfirming(link)}
                  >
                    确认关联
                  </AppButton>
                </View>
              </View>
            ))}
            <Pager page={page} total={data.total} pageSize={data.pageSize} onPage={setPage} />
          </>
        )}
      </LoadState>
      <ConfirmDialog
        id="confirm-family-link"
        visible={confirming !== null}
        title="确认家属关联"
        confirmText="确认关联"
        busy={busy}
        onConfirm={() => confirming && confirm(confirming)}
        onCancel={() => setConfirming(null)}
      >
        <View>
          {confirming
            ? `确认后，${confirming.familyName}（${relationshipLabels[confirming.relationship]}）可以代退役军人 ${confirming.veteranName} 申请帮扶、预约咨询。请确认已核实双方身份和关系。`
            : ''}
        </View>
      </ConfirmDialog>
    </>
  );
}
