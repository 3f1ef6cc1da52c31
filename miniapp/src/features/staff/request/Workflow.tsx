import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  type CardStage,
  cardStageLabels,
  nextCardStages,
  type OrgUnit,
  type RequestAction,
  type StaffRequestDetail,
} from '@veterans/shared';
import { useCallback, useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LoadState } from '../../../components/LoadState';
import { fetchOrgUnits } from '../../account/api';
import { CheckGroup } from '../../legal/controls';
import { CardChain } from '../../preferential-card/CardChain';
import { setRequestStage, transitionStaffRequest } from '../api';
import { ListDialog } from '../ListDialog';
import { TextArea } from '../TextArea';
import { actionDialog, actionLabel, checkTransition, hasCardStages, supplementChoices } from '../transition';
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

/** Stations that hand cards out: active street and community units, the request's own first. */
async function pickupStations(requestUnitId: number): Promise<OrgUnit[]> {
  const units = (await fetchOrgUnits()).filter((unit) => unit.level !== 'district');
  return [...units.filter((unit) => unit.id === requestUnitId), ...units.filter((unit) => unit.id !== requestUnitId)];
}

/**
 * 优待证 through the issuing chain: the chain with where the card is (as the applicant sees it), and the step to
 * the next stage; 待领取 names the station that hands it out, whose address and opening hours the applicant is told.
 */
export function CardStages({ detail, onChanged }: WorkflowProps) {
  const [choosing, setChoosing] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const loadStations = useCallback(() => pickupStations(detail.unit.id), [detail.unit.id]);
  if (!hasCardStages(detail.serviceCode) || !detail.cardProgress) return null;
  const [next] = nextCardStages(detail.serviceCode, detail.status, detail.stage);

  const save = async (target: CardStage, pickupUnitId?: number) => {
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await setRequestStage(detail.id, target, pickupUnitId));
      setChoosing(false);
      void Taro.showToast({ title: `已更新为${cardStageLabels[target]}`, icon: 'none', duration: 1500 });
    } catch (failure) {
      setError(fieldErrorsOf(failure).pickupUnitId ?? (failure instanceof ApiError ? failure.message : '操作失败'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card request-stages">
      <View className="card__title">优待证办理环节</View>
      <CardChain progress={detail.cardProgress} />
      {next ? (
        <View className="staff-actions">
          <AppButton
            className={`stage-button stage-button--${next}`}
            type="primary"
            loading={busy && !choosing}
            onClick={() => (next === 'ready_for_pickup' ? setChoosing(true) : void save(next))}
          >
            {`进入下一环节：${cardStageLabels[next]}`}
          </AppButton>
        </View>
      ) : (
        <View className="body-text">
          {detail.stage === 'picked_up' ? '优待证已领取，各环节均已完成。' : '服务站受理后可以更新优待证办理环节。'}
        </View>
      )}
      {error && !choosing && (
        <View className="form-field__error" role="alert">
          {error}
        </View>
      )}
      {choosing && (
        <StationPicker
          load={loadStations}
          busy={busy}
          error={error}
          onPick={(unit) => void save('ready_for_pickup', unit.id)}
          onClose={() => setChoosing(false)}
        />
      )}
    </View>
  );
}

function StationPicker({
  load,
  busy,
  error,
  onPick,
  onClose,
}: {
  load: () => Promise<OrgUnit[]>;
  busy: boolean;
  error?: string;
  onPick: (unit: OrgUnit) => void;
  onClose: () => void;
}) {
  const { state, reload } = useRequest(load);
  return (
    <ListDialog id="pickup-station" title="选择领取优待证的服务站" busy={busy} onClose={onClose}>
      <View className="body-text">申请人会收到通知，凭身份证在办公时间到所选服务站领取。</View>
      {error && (
        <View className="form-field__error" role="alert">
          {error}
        </View>
      )}
      <LoadState state={state} onRetry={reload} isEmpty={(units) => units.length === 0} emptyText="没有启用中的服务站">
        {(units) =>
          units.map((unit) => (
            <View
              key={unit.id}
              className="staff-choice-list__item"
              onClick={() => !busy && onPick(unit)}
              {...(process.env.TARO_ENV === 'h5'
                ? { role: 'button', tabIndex: 0, 'aria-label': `在 ${unit.name} 领取` }
                : {})}
            >
              <View className="staff-choice-list__title">{unit.name}</View>
              <View className="staff-choice-list__text">
                {[unit.address, unit.openingHours ? `办公时间 ${unit.openingHours}` : '未填写办公时间']
                  .filter(Boolean)
                  .join(' · ')}
              </View>
            </View>
          ))
        }
      </LoadState>
    </ListDialog>
  );
}
