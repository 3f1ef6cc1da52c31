import { Picker, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  type CitizenKind,
  citizenKinds,
  identityInputSchema,
  type Me,
  roleLabels,
  type SubscribeTemplate,
} from '@veterans/shared';
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { usePageRequest } from '../../../api/use-page-request';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { RequireCitizen } from '../../../components/RequireCitizen';
import { StatusBadge } from '../../../components/StatusBadge';
import { TextField } from '../../../components/TextField';
import { fetchMe, fetchOrgUnits, submitIdentity } from '../../../features/account/api';
import { type CommunityOption, communityOptions } from '../../../features/account/communities';
import { DisputeForm } from '../../../features/account/DisputeForm';
import { identityBadge, identityLocked, identityOutcomeText } from '../../../features/account/status';
import { VerificationAids } from '../../../features/account/VerificationAids';
import { usePageMode } from '../../../features/care-mode/theme';
import { type FieldErrors, validate, validateField } from '../../../forms/validation';
import { usePersistentState } from '../../../hooks/use-persistent-state';
import { routes } from '../../../navigation/routes';
import './index.css';
import { askToSubscribe, IDENTITY_TEMPLATES, loadTemplateIds } from '../../../features/notifications/subscribe';

/** Real-name identity 实名认证: name, ID number, veteran or family, community. */
export default function IdentityPage() {
  return (
    <PageRoot className="identity-page">
      <RequireCitizen>{(current) => <Identity userId={current.user.id} />}</RequireCitizen>
    </PageRoot>
  );
}

function Identity({ userId }: { userId: number }) {
  const { state, reload } = usePageRequest(fetchMe);
  const [submitted, setSubmitted] = useState<Me | null>(null);
  if (submitted) {
    return identityLocked(submitted) ? (
      <IdentityResult me={submitted} title="实名信息已认证" />
    ) : (
      <>
        <IdentityResult me={submitted} title="实名信息已提交" />
        <VerificationAids me={submitted} onChanged={setSubmitted} />
      </>
    );
  }
  return (
    <LoadState state={state} onRetry={reload}>
      {(me) =>
        me.identity && identityLocked(me) ? (
          <IdentityResult me={me} title="实名信息已认证">
            <View className="body-text">实名信息已认证，不能自行修改。如需修改，请联系所属服务站。</View>
          </IdentityResult>
        ) : (
          <>
            {me.identity && <IdentityResult me={me} title="当前实名信息" compact />}
            <VerificationAids me={me} onChanged={setSubmitted} />
            <IdentityForm userId={userId} hasIdentity={me.identity !== null} onSubmitted={setSubmitted} />
          </>
        )
      }
    </LoadState>
  );
}

interface IdentityResultProps {
  me: Me;
  title: string;
  compact?: boolean;
  children?: ReactNode;
}

/** The identity as the server returns it: always masked. */
function IdentityResult({ me, title, compact, children }: IdentityResultProps) {
  const identity = me.identity;
  return (
    <View className="card identity-result">
      <View className="identity-result__head">
        <View className="card__title">{title}</View>
        <StatusBadge badge={identityBadge(me)} />
      </View>
      {identity && (
        <>
          <Line label="姓名" value={identity.name} className="identity-name" />
          <Line label="身份证号" value={identity.idNumber} className="identity-id-number" />
          <Line label="出生日期" value={identity.birthDate} />
          <Line label="身份类型" value={roleLabels[me.kind]} />
        </>
      )}
      <View className="body-text identity-outcome">{identityOutcomeText(me)}</View>
      {children}
      {!compact && (
        <View className="identity-result__actions">
          {me.kind === 'family' && (
            <AppButton
              type="primary"
              size="large"
              block
              onClick={() => void Taro.redirectTo({ url: routes.familyLinks })}
            >
              关联退役军人
            </AppButton>
          )}
          <AppButton size="large" block onClick={() => void Taro.switchTab({ url: routes.mine })}>
            返回“我的”
          </AppButton>
        </View>
      )}
    </View>
  );
}

function Line({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <View className="profile-line">
      <View className="profile-line__label">{label}</View>
      <View className={`profile-line__value ${className ?? ''}`}>{value}</View>
    </View>
  );
}

interface IdentityDraft {
  name: string;
  idNumber: string;
  kind: CitizenKind | '';
  /** 0: not chosen. */
  communityUnitId: number;
}

const EMPTY_DRAFT: IdentityDraft = { name: '', idNumber: '', kind: '', communityUnitId: 0 };

function toInput(draft: IdentityDraft) {
  return {
    name: draft.name,
    idNumber: draft.idNumber,
    kind: draft.kind || undefined,
    communityUnitId: draft.communityUnitId || undefined,
  };
}

const kindOptions = citizenKinds.map((kind) => ({ value: kind, label: roleLabels[kind] }));

interface IdentityFormProps {
  userId: number;
  hasIdentity: boolean;
  onSubmitted: (me: Me) => void;
}

function IdentityForm({ userId, hasIdentity, onSubmitted }: IdentityFormProps) {
  // Kept in storage (per user): a session that expires mid-form sends the user to sign in, and they come back
  // to what they typed.
  const [draft, setDraft, clearDraft] = usePersistentState<IdentityDraft>(`identity:${userId}`, EMPTY_DRAFT);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  /** The ID number another account holds, when the last submit was refused for that: 申诉 is offered. */
  const [taken, setTaken] = useState<{ name: string; idNumber: string } | null>(null);
  const [disputeFiled, setDisputeFiled] = useState(false);
  const units = useRequest(fetchOrgUnits);
  const [templateIds, setTemplateIds] = useState<Record<string, SubscribeTemplate>>({});
  useEffect(() => {
    loadTemplateIds(IDENTITY_TEMPLATES).then(setTemplateIds, () => undefined);
  }, []);

  const change = <K extends keyof IdentityDraft>(field: K, value: IdentityDraft[K]) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    if (errors[field]) setErrors((previous) => ({ ...previous, [field]: undefined }));
  };
  const check = (field: keyof IdentityDraft) => {
    if (!draft[field]) return;
    setErrors((previous) => ({ ...previous, [field]: validateField(identityInputSchema, toInput(draft), field) }));
  };

  const submit = async () => {
    // A veteran whose claim goes to the staff queue hears the outcome; WeChat asks only from within the tap.
    if (draft.kind === 'veteran') void askToSubscribe(templateIds);
    setFormError(undefined);
    const checked = validate(identityInputSchema, toInput(draft));
    if (!checked.ok) {
      setErrors({
        ...checked.errors,
        kind: checked.errors.kind && (draft.kind ? checked.errors.kind : '请选择身份类型'),
      });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const me = await submitIdentity(checked.data);
      clearDraft();
      onSubmitted(me);
    } catch (failure) {
      const fields = fieldErrorsOf(failure);
      setErrors(fields);
      setFormError(failure instanceof ApiError ? failure.message : '提交失败，请稍后重试');
      const idTaken = failure instanceof ApiError && failure.code === 'ID_NUMBER_TAKEN';
      setTaken(idTaken ? { name: checked.data.name, idNumber: checked.data.idNumber } : null);
    } finally {
      setBusy(false);
    }
  };

  const communities = units.state.status === 'success' ? communityOptions(units.state.data) : [];

  return (
    <View className="form-card identity-form">
      <View className="form-card__title">{hasIdentity ? '修改实名信息' : '填写实名信息'}</View>
      <View className="form-card__text">请填写与身份证一致的信息。身份证号码加密保存，页面上只显示部分号码。</View>
      {formError && (
        <View className="form-error" role="alert">
          {formError}
        </View>
      )}
      <TextField
        id="identity-name"
        label="姓名"
        value={draft.name}
        placeholder="与身份证上的姓名一致"
        maxlength={50}
        autoComplete="name"
        error={errors.name}
        onChange={(value) => change('name', value)}
        onBlur={() => check('name')}
      />
      <TextField
        id="identity-id-number"
        label="身份证号码"
        value={draft.idNumber}
        type="idcard"
        maxlength={18}
        placeholder="18 位身份证号码"
        hint="最后一位如为 X，请输入字母 X。"
        error={errors.idNumber}
        onChange={(value) => change('idNumber', value)}
        onBlur={() => check('idNumber')}
      />
      <ChoiceGroup
        id="identity-kind"
        label="身份类型"
        options={kindOptions}
        value={draft.kind || undefined}
        error={errors.kind}
        onChange={(value) => change('kind', value)}
      />
      <CommunityField
        communities={communities}
        loading={units.state.status === 'loading'}
        value={draft.communityUnitId}
        error={errors.communityUnitId}
        onChange={(id) => change('communityUnitId', id)}
      />
      <AppButton className="identity-submit" type="primary" size="large" block loading={busy} onClick={submit}>
        提交实名信息
      </AppButton>
      {taken &&
        (disputeFiled ? (
          <View className="card dispute-filed" role="status">
            <View className="card__title">申诉已提交</View>
            <View className="body-text">服务站工作人员核实后会通过消息通知您结果。</View>
          </View>
        ) : (
          <DisputeForm name={taken.name} idNumber={taken.idNumber} onFiled={() => setDisputeFiled(true)} />
        ))}
    </View>
  );
}

interface CommunityFieldProps {
  communities: readonly CommunityOption[];
  loading: boolean;
  /** 0: none chosen. */
  value: number;
  error?: string;
  onChange: (id: number) => void;
}

const COMMUNITY_LABEL = '所属社区（选填）';
const COMMUNITY_HINT = '便于就近的社区服务站为您办理。已在退役军人名册中的，以名册登记为准。';

/**
 * The community: a picker wheel normally; in care mode a list of large rows instead (the wheel has small text,
 * a corner 确定 and needs a swipe).
 */
function CommunityField({ communities, loading, value, error, onChange }: CommunityFieldProps) {
  const care = usePageMode() === 'care';
  const loadingText = loading ? '正在加载社区…' : undefined;
  if (care) {
    return (
      <ChoiceGroup
        id="identity-community"
        label={COMMUNITY_LABEL}
        layout="list"
        options={communities.map((option) => ({ value: String(option.id), label: option.label }))}
        value={value ? String(value) : undefined}
        hint={COMMUNITY_HINT}
        error={error}
        emptyText={loadingText}
        onChange={(id) => onChange(Number(id))}
      />
    );
  }
  const chosenIndex = communities.findIndex((option) => option.id === value);
  const chosen = communities[chosenIndex];
  return (
    <View className="form-field">
      <View className="form-field__label" id="identity-community-label">
        {COMMUNITY_LABEL}
      </View>
      <Picker
        mode="selector"
        range={communities.map((option) => option.label)}
        value={Math.max(chosenIndex, 0)}
        disabled={communities.length === 0}
        onChange={(event) => {
          const option = communities[Number(event.detail.value)];
          if (option) onChange(option.id);
        }}
      >
        <View
          className="picker-trigger"
          id="identity-community-trigger"
          // Named by the label and what the trigger shows, so the visible text is part of the name.
          {...(process.env.TARO_ENV === 'h5'
            ? { role: 'button', 'aria-labelledby': 'identity-community-label identity-community-trigger', tabIndex: 0 }
            : {})}
        >
          {chosen?.label ?? loadingText ?? '请选择所属社区'}
        </View>
      </Picker>
      <View className="form-field__hint">{COMMUNITY_HINT}</View>
      {error && (
        <View className="form-field__error" role="alert">
          {error}
        </View>
      )}
    </View>
  );
}
