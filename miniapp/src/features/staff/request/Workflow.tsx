import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  type CardStage,
  cardStageLabels,
  type RequestAction,
  type StaffRequestDetail,
  stageRequestBodySchema,
} from '@veterans/shared';
import { useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { AppButton } from '../../../components/AppButton';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { TextField } from '../../../components/TextField';
import { CheckGroup } from '../../legal/controls';
import { setRequestStage, transitionStaffRequest } from '../api';
import { TextArea } from '../TextArea';
import {
  actionDialog,
  actionLabel,
  checkTransition,
  hasCardStages,
  nextCardStages,
  supplementChoices,
} from '../transition';
import '../staff.css';

interface WorkflowProps {
  detail: StaffRequestDetail;
  onChanged: (detail: StaffRequestDetail) => void;
}

const primaryActions: readonly RequestAction[] = ['accept', 'start', 'complete'];

/** 办理: the actions the workflow allows now (the server's availableActions), each through its dialog. */
export function WorkflowActions({ detail, onChanged }: WorkflowProps) {
  const [action, setAction] = useState<RequestAction | null>(null);
  return (
    <View className="card request-actions">
      <View className="card__title">办理</View>
      {detail.availableActions.length === 0 ? (
        <View className="body-text">办件已结束，没有可办理的操作。</View>
      ) : (
        <View className="staff-actions">
          {detail.availableActions.map((candidate) => (
            <AppButton
              key={candidate}
              className={`action-button action-button--${candidate}`}
              type={primaryActions.includes(candidate) ? 'primary' : 'default'}
              onClick={() => setAction(candidate)}
            >
              {actionLabel(candidate)}
            </AppButton>
          ))}
        </View>
      )}
      {action && (
        <ActionDialog
          key={action}
          detail={detail}
          action={action}
          onDone={(updated) => {
            setAction(null);
            onChanged(updated);
            void Taro.showToast({ title: `已${actionLabel(action)}`, icon: 'none', duration: 1500 });
          }}
          onCancel={() => setAction(null)}
        />
      )}
    </View>
  );
}

function ActionDialog({
  detail,
  action,
  onDone,
  onCancel,
}: {
  detail: StaffRequestDetail;
  action: RequestAction;
  onDone: (detail: StaffRequestDetail) => void;
  onCancel: () => void;
}) {
  const spec = actionDialog(action, detail.serviceCode);
  const [text, setText] = useState('');
  const [named, setNamed] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setFormError(undefined);
    const check = checkTransition({
      status: detail.status,
      serviceCode: detail.serviceCode,
      action,
      text,
      supplementFields: named,
    });
    if (!check.ok) {
      if (check.field === 'form') setFormError(check.message);
      else setError(check.message);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      onDone(await transitionStaffRequest(detail.id, check.body));
    } catch (failure) {
      const fields = fieldErrorsOf(failure);
      const fieldError = fields[spec.field];
      if (fieldError) setError(fieldError);
      else setFormError(failure instanceof ApiError ? failure.message : '操作失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      id={`action-${action}`}
      visible
      title={spec.title}
      confirmText={spec.confirmText}
      danger={spec.danger}
      busy={busy}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      {formError && (
        <View className="form-error" role="alert">
          {formError}
        </View>
      )}
      <TextArea
        id={`action-${action}-text`}
        label={spec.fieldLabel}
        value={text}
        maxlength={spec.field === 'reason' ? 500 : 2000}
        placeholder={spec.placeholder}
        hint={spec.hint}
        error={error}
        onChange={(value) => {
          setText(value);
          if (error) setError(undefined);
        }}
      />
      {action === 'request_supplement' && (
        <CheckGroup
          id="supplement-fields"
          label="需补正的内容（选填，申请人重新提交时会先打开第一项所在的步骤）"
          options={supplementChoices(detail.serviceCode)}
          values={named}
          onChange={setNamed}
        />
      )}
    </ConfirmDialog>
  );
}

/** 优待证 制证 → 待领取 (with the pickup place) → 已领取, once the request is being handled. */
export function CardStages({ detail, onChanged }: WorkflowProps) {
  const [stage, setStage] = useState<CardStage | null>(null);
  const [place, setPlace] = useState(detail.pickupPlace ?? '');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!hasCardStages(detail.serviceCode)) return null;
  const next = nextCardStages(detail.serviceCode, detail.status, detail.stage);

  const save = async (target: CardStage) => {
    const body = target === 'ready_for_pickup' ? { stage: target, pickupPlace: place } : { stage: target };
    const checked = stageRequestBodySchema.safeParse(body);
    if (!checked.success || (target === 'ready_for_pickup' && !place.trim())) {
      setError(checked.success ? '请填写领取地点' : (checked.error.issues[0]?.message ?? '请填写领取地点'));
      return;
    }
    setBusy(true);
    try {
      onChanged(await setRequestStage(detail.id, target, checked.data.pickupPlace));
      setStage(null);
      void Taro.showToast({ title: `已设为${cardStageLabels[target]}`, icon: 'none', duration: 1500 });
    } catch (failure) {
      setError(fieldErrorsOf(failure).pickupPlace ?? (failure instanceof ApiError ? failure.message : '操作失败'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card request-stages">
      <View className="card__title">优待证制证进度</View>
      <View className="body-text">{`当前：${detail.stageLabel ?? '未开始制证'}`}</View>
      {next.length === 0 ? (
        <View className="body-text">
          {detail.status === 'processing' || detail.status === 'completed'
            ? '制证进度已全部完成。'
            : '开始办理（审核通过）后可以更新制证进度。'}
        </View>
      ) : (
        <View className="staff-actions">
          {next.map((target) => (
            <AppButton
              key={target}
              className={`stage-button stage-button--${target}`}
              onClick={() => {
                setError(undefined);
                if (target === 'ready_for_pickup') setStage(target);
                else void save(target);
              }}
              loading={busy && stage === null}
            >
              {`设为${cardStageLabels[target]}`}
            </AppButton>
          ))}
        </View>
      )}
      {error && stage === null && (
        <View className="form-field__error" role="alert">
          {error}
        </View>
      )}
      <ConfirmDialog
        id="stage-pickup"
        visible={stage === 'ready_for_pickup'}
        title="设为待领取"
        confirmText="确认并通知申请人"
        busy={busy}
        onConfirm={() => save('ready_for_pickup')}
        onCancel={() => setStage(null)}
      >
        <TextField
          id="pickup-place"
          label="领取地点"
          value={place}
          maxlength={200}
          placeholder="如：西大街道退役军人服务站（XX路XX号）"
          hint="申请人会收到通知，凭身份证到此领取。"
          error={error}
          onChange={(value) => {
            setPlace(value);
            setError(undefined);
          }}
        />
      </ConfirmDialog>
    </View>
  );
}
