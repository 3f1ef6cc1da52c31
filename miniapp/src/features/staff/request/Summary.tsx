import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { beijingToday, finalRequestStatuses, type StaffAccount, type StaffRequestDetail } from '@veterans/shared';
import { useCallback, useState } from 'react';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { LoadState } from '../../../components/LoadState';
import { StatusBadge } from '../../../components/StatusBadge';
import { fetchOrgUnits } from '../../account/api';
import { ApplicantPhone } from '../ApplicantPhone';
import { assignStaffRequest, fetchAssignableStaff } from '../api';
import { applicantText, dateTimeText, dueMark, promisedText, statusBadge } from '../format';
import { ListDialog } from '../ListDialog';
import type { StaffPrincipal } from '../RequireStaff';
import { eligibleAssignees } from '../units';
import '../staff.css';

function Line({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className={`staff-line ${className ?? ''}`}>
      <View className="staff-line__label">{label}</View>
      <View className="staff-line__value">{value}</View>
    </View>
  );
}

interface SummaryProps {
  detail: StaffRequestDetail;
  staff: StaffPrincipal;
  onChanged: (detail: StaffRequestDetail) => void;
}

/** The request at a glance, its caseworker 承办人 and the buttons to take it on or hand it over. */
export function RequestSummary({ detail, staff, onChanged }: SummaryProps) {
  const due = dueMark(detail, beijingToday());
  const promised = promisedText(detail, beijingToday());
  const [busy, setBusy] = useState<'me' | 'none' | null>(null);
  const [choosing, setChoosing] = useState(false);
  const open = !finalRequestStatuses.includes(detail.status);

  const assign = async (staffId: number | null, which: 'me' | 'none' | null) => {
    setBusy(which);
    try {
      onChanged(await assignStaffRequest(detail.id, staffId));
      setChoosing(false);
      void Taro.showToast({ title: staffId === null ? '已取消分配' : '已分配', icon: 'none', duration: 1500 });
    } catch {
      // the client showed why
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className="card request-summary">
      <View className="queue-item__head">
        <View className="queue-item__service">{detail.serviceName}</View>
        <StatusBadge badge={statusBadge(detail.status)} />
        {detail.stageLabel && <View className="staff-tag">{detail.stageLabel}</View>}
        {due?.overdue && <View className="staff-tag staff-tag--overdue">{due.text}</View>}
      </View>
      <Line label="办件编号" value={detail.number ?? `#${detail.id}`} className="request-number" />
      <Line label="申请人" value={applicantText(detail)} />
      <ApplicantPhone of={{ request: detail.id }} />
      <Line label="办理单位" value={detail.unit.name} />
      {detail.submittedAt && <Line label="提交时间" value={dateTimeText(detail.submittedAt)} />}
      {promised && <Line label="承诺办结" value={promised} />}
      {detail.pickupPlace && <Line label="领取地点" value={detail.pickupPlace} />}
      {detail.resolutionNote && <Line label="处理结果" value={detail.resolutionNote} />}
      {detail.completedAt && <Line label="办结时间" value={dateTimeText(detail.completedAt)} />}
      <Line label="申请人看到" value={detail.nextStep} className="request-next-step" />
      <Line label="承办人" value={detail.assignee?.displayName ?? '未分配'} className="request-assignee" />
      {open && (
        <View className="staff-actions">
          {detail.assignee?.id !== staff.id && (
            <AppButton
              size="small"
              loading={busy === 'me'}
              disabled={busy !== null}
              onClick={() => assign(staff.id, 'me')}
            >
              分配给我
            </AppButton>
          )}
          {detail.assignee && (
            <AppButton
              size="small"
              loading={busy === 'none'}
              disabled={busy !== null}
              onClick={() => assign(null, 'none')}
            >
              取消分配
            </AppButton>
          )}
          {staff.role === 'admin' && (
            <AppButton size="small" disabled={busy !== null} onClick={() => setChoosing(true)}>
              指派给…
            </AppButton>
          )}
        </View>
      )}
      {choosing && (
        <AssigneePicker
          detail={detail}
          busy={busy !== null}
          onPick={(account) => assign(account.id, null)}
          onClose={() => setChoosing(false)}
        />
      )}
    </View>
  );
}

/** Admins only (GET /admin/staff): the active caseworkers whose queue holds this request. */
function AssigneePicker({
  detail,
  busy,
  onPick,
  onClose,
}: {
  detail: StaffRequestDetail;
  busy: boolean;
  onPick: (account: StaffAccount) => void;
  onClose: () => void;
}) {
  const load = useCallback(async () => {
    const [accounts, units] = await Promise.all([fetchAssignableStaff(), fetchOrgUnits()]);
    return eligibleAssignees(accounts, units, detail.unit.id);
  }, [detail.unit.id]);
  const { state, reload } = useRequest(load);
  return (
    <ListDialog id="assign-picker" title="指派承办人" busy={busy} onClose={onClose}>
      <LoadState
        state={state}
        onRetry={reload}
        isEmpty={(accounts) => accounts.length === 0}
        emptyText="没有可以指派的工作人员"
      >
        {(accounts) =>
          accounts.map((account) => (
            <View
              key={account.id}
              className="staff-choice-list__item"
              onClick={() => !busy && onPick(account)}
              {...(process.env.TARO_ENV === 'h5'
                ? { role: 'button', tabIndex: 0, 'aria-label': `指派给 ${account.displayName}` }
                : {})}
            >
              <View className="staff-choice-list__title">
                {account.displayName}
                {detail.assignee?.id === account.id && <View className="staff-tag">当前承办人</View>}
              </View>
              <View className="staff-choice-list__text">{account.unitName}</View>
            </View>
          ))
        }
      </LoadState>
    </ListDialog>
  );
}
