import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type DisputeDecisionBody, disputeDecisionSchema, type StaffIdentityDispute } from '@veterans/shared';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { usePageRequest } from '../../api/use-page-request';
import { AppButton } from '../../components/AppButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LoadState } from '../../components/LoadState';
import { openAttachment } from '../requests/files';
import { decideIdentityDispute, fetchIdentityDisputes } from './api';
import { dateTimeText } from './format';
import { TextArea } from './TextArea';

const matchText = (value: boolean | null, what: string) =>
  value === null ? `名册无${what}` : value ? `${what}与名册一致` : `${what}与名册不一致`;

/** 身份申诉 waiting for the station: both claims side by side, the proof, and the decision. */
export function IdentityDisputes() {
  const { state, reload } = usePageRequest(fetchIdentityDisputes);
  const [deciding, setDeciding] = useState<{ dispute: StaffIdentityDispute; winner: DisputeDecisionBody['winner'] }>();
  return (
    <View className="identity-disputes">
      <View className="staff-section-title">身份申诉</View>
      <LoadState
        state={state}
        onRetry={reload}
        isEmpty={(items) => items.length === 0}
        emptyText="暂无待核实的身份申诉"
      >
        {(items) => (
          <>
            {items.map((dispute) => (
              <View key={dispute.id} className="queue-item dispute-item">
                <View className="queue-item__head">
                  <View className="queue-item__service">{`身份证号 ${dispute.idNumber}`}</View>
                  <View className="staff-tag">{dispute.inRoster ? '名册中有此号码' : '名册中无此号码'}</View>
                </View>
                <View className="queue-item__line">
                  {`原账号：${dispute.holder.name} · 手机 ${dispute.holder.phone ?? '无'} · ${matchText(dispute.holder.nameMatchesRoster, '姓名')} · ${matchText(dispute.holder.phoneMatchesRoster, '手机号')}`}
                </View>
                <View className="queue-item__line">
                  {`申诉人：${dispute.claimant.name} · 手机 ${dispute.claimant.phone ?? '无'} · ${matchText(dispute.claimant.nameMatchesRoster, '姓名')} · ${matchText(dispute.claimant.phoneMatchesRoster, '手机号')}`}
                </View>
                <View className="queue-item__line">{`提交于 ${dateTimeText(dispute.createdAt)}`}</View>
                <View className="staff-actions">
                  {dispute.proofUploadId && (
                    <AppButton
                      label={`查看申诉人证件照片：${dispute.idNumber}`}
                      onClick={() =>
                        void openAttachment({ id: dispute.proofUploadId as string, fileName: '申诉证件照片.png' })
                      }
                    >
                      查看证件照片
                    </AppButton>
                  )}
                  <AppButton type="primary" onClick={() => setDeciding({ dispute, winner: 'claimant' })}>
                    归申诉人
                  </AppButton>
                  <AppButton onClick={() => setDeciding({ dispute, winner: 'holder' })}>归原账号</AppButton>
                </View>
              </View>
            ))}
          </>
        )}
      </LoadState>
      {deciding && (
        <DisputeDecision
          key={`${deciding.dispute.id}-${deciding.winner}`}
          dispute={deciding.dispute}
          winner={deciding.winner}
          onCancel={() => setDeciding(undefined)}
          onDone={() => {
            setDeciding(undefined);
            reload();
          }}
        />
      )}
    </View>
  );
}

function DisputeDecision({
  dispute,
  winner,
  onCancel,
  onDone,
}: {
  dispute: StaffIdentityDispute;
  winner: DisputeDecisionBody['winner'];
  onCancel: () => void;
  onDone: () => void;
}) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    const checked = disputeDecisionSchema.safeParse({ winner, note });
    if (!checked.success) {
      setError(checked.error.issues[0]?.message);
      return;
    }
    setBusy(true);
    try {
      await decideIdentityDispute(dispute.id, checked.data);
      void Taro.showToast({ title: '已处理', icon: 'none', duration: 1500 });
      onDone();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : '操作失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };
  const forClaimant = winner === 'claimant';
  return (
    <ConfirmDialog
      id="dispute-decision"
      visible
      title={forClaimant ? '身份证号码归申诉人' : '身份证号码归原账号'}
      confirmText={forClaimant ? '确认归申诉人' : '确认归原账号'}
      danger={forClaimant}
      busy={busy}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <View className="body-text">
        {forClaimant
          ? '原账号的实名信息将被移除（账号其他内容保留），申诉人认证为退役军人。双方都会收到通知。'
          : '申诉人的申诉不成立，原账号恢复原来的认证状态。双方都会收到通知。'}
      </View>
      <TextArea
        id="dispute-note"
        label="核实情况"
        value={note}
        maxlength={500}
        placeholder="如：申诉人持退伍证原件到站核验，名册电话核实一致"
        error={error}
        onChange={(value) => {
          setNote(value);
          setError(undefined);
        }}
      />
    </ConfirmDialog>
  );
}
