import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { ApiError } from '../../../api/client';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { decideVerification, fetchVerifications, type VerificationItem } from '../../../features/staff/api';
import { dateText, dateTimeText } from '../../../features/staff/format';
import { Pager } from '../../../features/staff/Pager';
import { RequireStaff } from '../../../features/staff/RequireStaff';
import { TextArea } from '../../../features/staff/TextArea';
import '../../../features/staff/staff.css';

/**
 * 实名核验队列: veterans of the caller's area whose identity the roster could not confirm; staff check their
 * papers and verify, or reject with a note the veteran sees.
 */
export default function VerificationsPage() {
  return (
    <PageRoot className="verifications-page staff-page">
      <RequireStaff ability="veterans.verify">{() => <Verifications />}</RequireStaff>
    </PageRoot>
  );
}

type Decision = { item: VerificationItem; decision: 'verify' | 'reject' };

function Verifications() {
  const [page, setPage] = useState(1);
  const load = useCallback(() => fetchVerifications(page), [page]);
  const { state, reload } = usePageRequest(load);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  return (
    <>
      <View className="body-text staff-intro">
        名册未能自动确认身份的退役军人。请核对其退役证件等材料后作出核验结论；不通过时须说明原因，本人可以看到。
      </View>
      <LoadState
        state={state}
        onRetry={reload}
        isEmpty={(data) => data.items.length === 0}
        emptyText="暂无待核验的退役军人"
      >
        {(data) => (
          <>
            {data.items.map((item) => (
              <View key={item.userId} className="queue-item verification-item">
                <View className="queue-item__head">
                  <View className="queue-item__service">{item.name}</View>
                  {item.inRosterUnderOtherName && (
                    <View className="staff-tag staff-tag--overdue">名册中该证件号对应其他姓名</View>
                  )}
                </View>
                <View className="queue-item__line">{`身份证号 ${item.idNumber}`}</View>
                <View className="queue-item__line">
                  {[
                    item.gender ? (item.gender === 'male' ? '男' : '女') : null,
                    item.birthDate ? `${dateText(item.birthDate)}出生` : null,
                    item.communityName ?? '未选择社区',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </View>
                <View className="queue-item__line">{`提交于 ${dateTimeText(item.waitingSince)}`}</View>
                <View className="staff-actions">
                  <AppButton
                    type="primary"
                    label={`核验通过：${item.name}`}
                    onClick={() => setDeciding({ item, decision: 'verify' })}
                  >
                    核验通过
                  </AppButton>
                  <AppButton label={`不通过：${item.name}`} onClick={() => setDeciding({ item, decision: 'reject' })}>
                    不通过
                  </AppButton>
                </View>
              </View>
            ))}
            <Pager page={page} total={data.total} pageSize={data.pageSize} onPage={setPage} />
          </>
        )}
      </LoadState>
      {deciding && (
        <DecisionDialog
          key={`${deciding.item.userId}-${deciding.decision}`}
          decision={deciding}
          onDone={() => {
            setDeciding(null);
            reload();
          }}
          onCancel={() => setDeciding(null)}
        />
      )}
    </>
  );
}

function DecisionDialog({
  decision,
  onDone,
  onCancel,
}: {
  decision: Decision;
  onDone: () => void;
  onCancel: () => void;
}) {
  const reject = decision.decision === 'reject';
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    const text = note.trim();
    if (reject && !text) {
      setError('请填写不通过的原因');
      return;
    }
    if (text.length > 500) {
      setError('最多 500 字');
      return;
    }
    setBusy(true);
    try {
      await decideVerification(decision.item.userId, { decision: decision.decision, note: text || undefined });
      void Taro.showToast({ title: reject ? '已标记为不通过' : '已核验通过', icon: 'none', duration: 1500 });
      onDone();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : '操作失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      id="verification-decision"
      visible
      title={reject ? `不通过：${decision.item.name}` : `核验通过：${decision.item.name}`}
      confirmText={reject ? '确认不通过' : '确认通过'}
      danger={reject}
      busy={busy}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <TextArea
        id="verification-note"
        label={reject ? '不通过的原因' : '备注（选填）'}
        value={note}
        maxlength={500}
        placeholder={reject ? '如：退役证件信息与身份证不一致，请携带原件到服务站核对' : ''}
        hint={reject ? '本人会在“我的”页面看到这段说明。' : undefined}
        error={error}
        onChange={(value) => {
          setNote(value);
          setError(undefined);
        }}
      />
    </ConfirmDialog>
  );
}
