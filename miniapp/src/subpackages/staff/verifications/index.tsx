import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  type RosterRowReveal,
  type VerificationItem,
  verificationDecisionSchema,
  verificationEvidenceLabels,
  verificationEvidences,
} from '@veterans/shared';
import { useCallback, useState } from 'react';
import { ApiError } from '../../../api/client';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { openAttachment } from '../../../features/requests/files';
import { decideVerification, fetchVerifications, revealRosterRow } from '../../../features/staff/api';
import { dateText, dateTimeText } from '../../../features/staff/format';
import { IdentityDisputes } from '../../../features/staff/IdentityDisputes';
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
      <RequireStaff ability="veterans.verify">
        {() => (
          <>
            <Verifications />
            <IdentityDisputes />
          </>
        )}
      </RequireStaff>
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
        名册未能自动确认身份的退役军人（名册自动认证需要姓名、身份证号码和本人验证过的手机号码都一致）。请核对其退役证件、到站核验或拨打名册登记的电话后作出结论；不通过时须说明原因，本人可以看到。
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
                <View className="queue-item__line">{`已验证手机 ${item.phone ?? '无'}`}</View>
                <RosterMatchLine item={item} />
                <View className="queue-item__line verification-proof">
                  {item.proof
                    ? `证件照片：${item.proof.fileName}（${dateTimeText(item.proof.uploadedAt)} 上传）`
                    : '未上传证件照片：请核对名册电话或请本人携带证件到站核验'}
                </View>
                <View className="queue-item__line">{`提交于 ${dateTimeText(item.waitingSince)}`}</View>
                <View className="staff-actions">
                  {item.proof && (
                    <AppButton
                      label={`查看证件照片：${item.name}`}
                      onClick={() => {
                        const proof = item.proof;
                        if (proof) void openAttachment({ id: proof.uploadId, fileName: proof.fileName });
                      }}
                    >
                      查看证件照片
                    </AppButton>
                  )}
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

function RosterMatchLine({ item }: { item: VerificationItem }) {
  const [revealed, setRevealed] = useState<RosterRowReveal>();
  const [error, setError] = useState<string>();
  const { roster } = item;
  if (!roster) return <View className="queue-item__line">名册中没有该身份证号码</View>;
  const phone = roster.phoneMatches === null ? '名册无手机号' : roster.phoneMatches ? '手机号一致' : '手机号不一致';
  return (
    <View className="verification-roster">
      <View className="queue-item__line">
        {`名册：${roster.name} · ${roster.communityName ?? '社区未知'} · ${roster.nameMatches ? '姓名一致' : '姓名不一致'} · ${phone}`}
      </View>
      {revealed ? (
        <View className="queue-item__line verification-roster__full">
          {`名册原始信息：${revealed.name}，${revealed.idNumber}，电话 ${revealed.phone ?? '无'}${
            revealed.dischargeDate ? `，${dateText(revealed.dischargeDate)}退役` : ''
          }`}
        </View>
      ) : (
        <AppButton
          size="small"
          label={`查看名册原始信息：${item.name}（将记入审计日志）`}
          onClick={() => {
            revealRosterRow(item.userId).then(setRevealed, (failure: unknown) =>
              setError(failure instanceof ApiError ? failure.message : '查看失败，请稍后重试'),
            );
          }}
        >
          查看名册原始信息
        </AppButton>
      )}
      {error && <View className="form-field__error">{error}</View>}
    </View>
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
  const [evidence, setEvidence] = useState<(typeof verificationEvidences)[number]>();
  const [errors, setErrors] = useState<{ note?: string; evidence?: string }>({});
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    const body = { decision: decision.decision, note: note.trim() || undefined, evidence };
    const checked = verificationDecisionSchema.safeParse(body);
    if (!checked.success) {
      const issueAt = (path: string) => checked.error.issues.find((issue) => issue.path[0] === path)?.message;
      setErrors({ note: issueAt('note'), evidence: issueAt('evidence') });
      return;
    }
    setBusy(true);
    try {
      await decideVerification(decision.item.userId, checked.data);
      void Taro.showToast({ title: reject ? '已标记为不通过' : '已核验通过', icon: 'none', duration: 1500 });
      onDone();
    } catch (failure) {
      setErrors({ note: failure instanceof ApiError ? failure.message : '操作失败，请稍后重试' });
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
      {!reject && (
        <ChoiceGroup
          id="verification-evidence"
          label="核验方式"
          options={verificationEvidences.map((value) => ({ value, label: verificationEvidenceLabels[value] }))}
          value={evidence}
          error={errors.evidence}
          onChange={(value) => {
            setEvidence(value);
            setErrors((current) => ({ ...current, evidence: undefined }));
          }}
        />
      )}
      <TextArea
        id="verification-note"
        label={reject ? '不通过的原因' : '备注（选填）'}
        value={note}
        maxlength={500}
        placeholder={reject ? '如：退役证件信息与身份证不一致，请携带原件到服务站核对' : ''}
        hint={reject ? '本人会在“我的”页面看到这段说明。' : undefined}
        error={errors.note}
        onChange={(value) => {
          setNote(value);
          setErrors((current) => ({ ...current, note: undefined }));
        }}
      />
    </ConfirmDialog>
  );
}
