import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type FollowUp, type FollowUpStatus, followUpStatusLabels } from '@veterans/shared';
import { useCallback, useState } from 'react';
import { ApiError } from '../../../api/client';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { closeFollowUp, fetchFollowUps } from '../../../features/staff/api';
import { dateTimeText } from '../../../features/staff/format';
import { Pager } from '../../../features/staff/Pager';
import { RequireStaff } from '../../../features/staff/RequireStaff';
import { requestUrl } from '../../../features/staff/routes';
import { TextArea } from '../../../features/staff/TextArea';
import '../../../features/staff/staff.css';

/**
 * 差评回访整改: every 不满意 / 非常不满意 rating opens a follow-up for the unit. Supervisors 分管负责人 (and admins)
 * of the unit or above close it with what was done; other staff see the list read-only.
 */
export default function FollowUpsPage() {
  return (
    <PageRoot className="follow-ups-page staff-page">
      <RequireStaff ability="requests.work">{() => <FollowUps />}</RequireStaff>
    </PageRoot>
  );
}

const statusOptions = (['open', 'closed'] as const).map((value) => ({ value, label: followUpStatusLabels[value] }));

function FollowUps() {
  const [status, setStatus] = useState<FollowUpStatus>('open');
  const [page, setPage] = useState(1);
  const load = useCallback(() => fetchFollowUps(status, page), [status, page]);
  const { state, reload } = usePageRequest(load);
  const [closing, setClosing] = useState<FollowUp | null>(null);
  const readOnly =
    state.status === 'success' && state.data.items.some((item) => item.status === 'open' && !item.canClose);

  return (
    <>
      <ChoiceGroup
        id="follow-up-status"
        label="状态"
        options={statusOptions}
        value={status}
        onChange={(value) => {
          setStatus(value);
          setPage(1);
        }}
      />
      {readOnly && (
        <View className="staff-notice follow-ups-read-only">
          仅本单位或上级单位的分管负责人、管理员可以关闭回访；您可以查看，并在办件中跟进。
        </View>
      )}
      <LoadState
        state={state}
        onRetry={reload}
        isEmpty={(data) => data.items.length === 0}
        emptyText={status === 'open' ? '暂无待回访的差评' : '暂无已整改的回访'}
      >
        {(data) => (
          <>
            {data.items.map((item) => (
              <View key={item.id} className="queue-item follow-up-item">
                <View className="queue-item__head">
                  <View className="queue-item__service">{item.serviceName}</View>
                  <View className="staff-tag staff-tag--overdue">{item.levelLabel}</View>
                  <View className="staff-tag">{followUpStatusLabels[item.status]}</View>
                </View>
                <View
                  className="link-text follow-up-request"
                  onClick={() => void Taro.navigateTo({ url: requestUrl(item.requestId) })}
                  {...(process.env.TARO_ENV === 'h5' ? { role: 'link', tabIndex: 0 } : {})}
                >
                  {`办件 ${item.requestNumber ?? `#${item.requestId}`}`}
                </View>
                <View className="queue-item__line">{`${item.unitName} · 评价于 ${dateTimeText(item.createdAt)}`}</View>
                <View className="staff-message__body">{`评价内容：${item.comment ?? '（未填写）'}`}</View>
                {item.status === 'closed' && (
                  <View className="staff-message__body">
                    {`整改情况：${item.note ?? ''}（${item.closedByName ?? '—'}，${item.closedAt ? dateTimeText(item.closedAt) : ''}）`}
                  </View>
                )}
                {item.canClose && (
                  <View className="staff-actions">
                    <AppButton
                      type="primary"
                      label={`关闭回访：${item.requestNumber ?? item.requestId}`}
                      onClick={() => setClosing(item)}
                    >
                      填写整改情况并关闭
                    </AppButton>
                  </View>
                )}
              </View>
            ))}
            <Pager page={page} total={data.total} pageSize={data.pageSize} onPage={setPage} />
          </>
        )}
      </LoadState>
      {closing && (
        <CloseDialog
          key={closing.id}
          followUp={closing}
          onDone={() => {
            setClosing(null);
            reload();
          }}
          onCancel={() => setClosing(null)}
        />
      )}
    </>
  );
}

function CloseDialog({ followUp, onDone, onCancel }: { followUp: FollowUp; onDone: () => void; onCancel: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    const text = note.trim();
    if (!text) {
      setError('请填写回访整改情况');
      return;
    }
    if (text.length > 2000) {
      setError('整改说明最多 2000 字');
      return;
    }
    setBusy(true);
    try {
      await closeFollowUp(followUp.id, text);
      void Taro.showToast({ title: '回访已关闭', icon: 'none', duration: 1500 });
      onDone();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : '操作失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      id="close-follow-up"
      visible
      title="关闭回访整改"
      confirmText="确认关闭"
      busy={busy}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <TextArea
        id="follow-up-note"
        label="回访整改情况"
        value={note}
        placeholder="回访申请人的情况、发现的问题和整改措施"
        error={error}
        onChange={(value) => {
          setNote(value);
          setError(undefined);
        }}
      />
    </ConfirmDialog>
  );
}
