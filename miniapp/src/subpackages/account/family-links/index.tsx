import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  type FamilyLink,
  familyLinkPowers,
  familyLinkRequestSchema,
  type Relationship,
  relationshipLabels,
  relationships,
} from '@veterans/shared';
import { useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { RequireCitizen } from '../../../components/RequireCitizen';
import { StatusBadge } from '../../../components/StatusBadge';
import { TextField } from '../../../components/TextField';
import {
  actOnFamilyLink,
  type FamilyLinkAction,
  fetchFamilyLinks,
  fetchMe,
  requestFamilyLink,
} from '../../../features/account/api';
import { linkActionLabels, linkActions, linkBadge } from '../../../features/account/status';
import { type FieldErrors, validate, validateField } from '../../../forms/validation';
import { usePersistentState } from '../../../hooks/use-persistent-state';
import { routes } from '../../../navigation/routes';
import './index.css';

/**
 * Family links 家属关联: a family member asks to act for a veteran (name and ID number must match); the veteran
 * confirms or rejects; either side ends it.
 */
export default function FamilyLinksPage() {
  return (
    <PageRoot className="family-links-page">
      <RequireCitizen>{(current) => <FamilyLinks userId={current.user.id} />}</RequireCitizen>
    </PageRoot>
  );
}

function FamilyLinks({ userId }: { userId: number }) {
  const me = usePageRequest(fetchMe);
  const links = usePageRequest(fetchFamilyLinks);
  return (
    <LoadState state={me.state} onRetry={me.reload}>
      {(profile) =>
        profile.identity ? (
          <>
            <View className="section-title">我的关联</View>
            <LoadState
              state={links.state}
              onRetry={links.reload}
              isEmpty={(items) => items.length === 0}
              emptyText="暂无家属关联"
            >
              {(items) => items.map((link) => <LinkCard key={link.id} link={link} onChanged={links.reload} />)}
            </LoadState>
            {profile.kind === 'family' && <LinkRequestForm userId={userId} onRequested={links.reload} />}
          </>
        ) : (
          <View className="card">
            <View className="card__title">请先完成实名认证</View>
            <View className="body-text">关联家属需要核对双方身份，请先完成实名认证。</View>
            <AppButton type="primary" size="large" block onClick={() => void Taro.redirectTo({ url: routes.identity })}>
              去实名认证
            </AppButton>
          </View>
        )
      }
    </LoadState>
  );
}

function LinkCard({ link, onChanged }: { link: FamilyLink; onChanged: () => void }) {
  const [busy, setBusy] = useState<FamilyLinkAction | null>(null);
  const [confirming, setConfirming] = useState<'confirm' | 'end' | null>(null);
  const labels = linkActionLabels(link);
  const act = async (action: FamilyLinkAction) => {
    setBusy(action);
    try {
      await actOnFamilyLink(link.id, action);
      setConfirming(null);
      void Taro.showToast({ title: `已${labels[action]}`, icon: 'none', duration: 1500 });
      onChanged();
    } catch {
      // toast shown
    } finally {
      setBusy(null);
    }
  };
  const relationship = relationshipLabels[link.relationship];
  const side =
    link.role === 'family'
      ? `您是${relationship}（家属）`
      : [`关系：${relationship}`, link.familyPhone && `手机 ${link.familyPhone}`].filter(Boolean).join(' · ');
  return (
    <View className="card link-card">
      <View className="link-card__head">
        <View className="link-card__name">{link.otherPartyName}</View>
        <StatusBadge badge={linkBadge(link.status)} />
      </View>
      <View className="body-text">{`${side} · 申请于 ${link.createdAt.slice(0, 10)}`}</View>
      {link.role === 'veteran' && link.status === 'pending' && (
        <View className="body-text">{`对方申请以${relationshipLabels[link.relationship]}身份关联您，确认后可以代您办理事项。`}</View>
      )}
      <View className="link-card__actions">
        {linkActions(link).map((action) => (
          <AppButton
            key={action}
            className={`link-action link-action--${action}`}
            type={action === 'confirm' ? 'primary' : 'default'}
            size="large"
            loading={busy === action}
            disabled={busy !== null && busy !== action}
            label={`${labels[action]}：${link.otherPartyName}`}
            onClick={() => (action === 'reject' ? act(action) : setConfirming(action))}
          >
            {labels[action]}
          </AppButton>
        ))}
      </View>
      <ConfirmDialog
        id={`confirm-link-${link.id}`}
        visible={confirming === 'confirm'}
        title={labels.confirm}
        confirmText={`确认关联${link.otherPartyName}`}
        busy={busy === 'confirm'}
        onConfirm={() => act('confirm')}
        onCancel={() => setConfirming(null)}
      >
        <View>{`确认后，${link.otherPartyName}（您的${relationship}）可以：`}</View>
        {familyLinkPowers.map((power) => (
          <View key={power} className="link-power">{`· ${power}`}</View>
        ))}
        <View>对方不能修改您的实名信息。您可以随时在本页解除关联。</View>
      </ConfirmDialog>
      <ConfirmDialog
        id={`end-link-${link.id}`}
        visible={confirming === 'end'}
        title={labels.end}
        confirmText={`确认${labels.end}`}
        danger
        busy={busy === 'end'}
        onConfirm={() => act('end')}
        onCancel={() => setConfirming(null)}
      >
        <View>
          {link.status === 'pending'
            ? '撤回后，对方将不再看到这条申请。'
            : '解除后，家属将不能再代退役军人办理事项；已提交的事项不受影响。如需再次关联，需要重新申请。'}
        </View>
      </ConfirmDialog>
    </View>
  );
}

interface LinkDraft {
  veteranName: string;
  veteranIdNumber: string;
  relationship: Relationship | '';
}

const EMPTY_LINK: LinkDraft = { veteranName: '', veteranIdNumber: '', relationship: '' };
const relationshipOptions = relationships.map((value) => ({ value, label: relationshipLabels[value] }));

function toRequest(draft: LinkDraft) {
  return { ...draft, relationship: draft.relationship || undefined };
}

function LinkRequestForm({ userId, onRequested }: { userId: number; onRequested: () => void }) {
  const [draft, setDraft, clearDraft] = usePersistentState<LinkDraft>(`family-link:${userId}`, EMPTY_LINK);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const change = <K extends keyof LinkDraft>(field: K, value: LinkDraft[K]) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    if (errors[field]) setErrors((previous) => ({ ...previous, [field]: undefined }));
  };
  const check = (field: keyof LinkDraft) => {
    if (!draft[field]) return;
    setErrors((previous) => ({
      ...previous,
      [field]: validateField(familyLinkRequestSchema, toRequest(draft), field),
    }));
  };

  const submit = async () => {
    setFormError(undefined);
    const checked = validate(familyLinkRequestSchema, toRequest(draft));
    if (!checked.ok) {
      setErrors({
        ...checked.errors,
        relationship:
          checked.errors.relationship &&
          (draft.relationship ? checked.errors.relationship : '请选择您与退役军人的关系'),
      });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await requestFamilyLink(checked.data);
      clearDraft();
      void Taro.showToast({ title: '申请已提交，等待对方确认', icon: 'none', duration: 2000 });
      onRequested();
    } catch (failure) {
      setErrors(fieldErrorsOf(failure));
      setFormError(failure instanceof ApiError ? failure.message : '提交失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="form-card link-request">
      <View className="form-card__title">申请关联退役军人</View>
      <View className="form-card__text">
        家属关联后，可以代退役军人申请困难帮扶、预约法律咨询等。退役军人需已在本程序实名认证，并由本人或服务站确认。
      </View>
      {formError && (
        <View className="form-error" role="alert">
          {formError}
        </View>
      )}
      <TextField
        id="veteran-name"
        label="退役军人姓名"
        value={draft.veteranName}
        maxlength={50}
        placeholder="与身份证上的姓名一致"
        error={errors.veteranName}
        onChange={(value) => change('veteranName', value)}
        onBlur={() => check('veteranName')}
      />
      <TextField
        id="veteran-id-number"
        label="退役军人身份证号码"
        value={draft.veteranIdNumber}
        type="idcard"
        maxlength={18}
        placeholder="18 位身份证号码"
        error={errors.veteranIdNumber}
        onChange={(value) => change('veteranIdNumber', value)}
        onBlur={() => check('veteranIdNumber')}
      />
      <ChoiceGroup
        id="relationship"
        label="您与退役军人的关系"
        options={relationshipOptions}
        value={draft.relationship || undefined}
        error={errors.relationship}
        onChange={(value) => change('relationship', value)}
      />
      <AppButton className="link-request-submit" type="primary" size="large" block loading={busy} onClick={submit}>
        提交关联申请
      </AppButton>
    </View>
  );
}
