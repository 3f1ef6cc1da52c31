import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { type LegalTopic, walkInBodySchema } from '@veterans/shared';
import { useCallback, useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { TextField } from '../../../components/TextField';
import { addWalkIn, fetchDay } from '../../../features/legal/api';
import { legalTopicOptions } from '../../../features/legal/content';
import { TextAreaField } from '../../../features/legal/controls';
import { slotTimeLabel } from '../../../features/legal/time';
import { RequireStaff } from '../../../features/staff/RequireStaff';
import { type FieldErrors, validate } from '../../../forms/validation';
import '../../../features/legal/legal.css';

/** 现场登记 (`?slotId=&date=`): a registered, real-name user who comes without booking, into a free place today. */
export default function WalkInPage() {
  const { params } = useRouter();
  const slotId = Number(params.slotId);
  const date = String(params.date ?? '');
  return (
    <PageRoot className="legal-walk-in-page">
      <RequireStaff ability="legal.desk">{() => <WalkIn slotId={slotId} date={date} />}</RequireStaff>
    </PageRoot>
  );
}

interface Draft {
  name: string;
  idNumber: string;
  topic: LegalTopic | '';
  description: string;
}

function WalkIn({ slotId, date }: { slotId: number; date: string }) {
  const load = useCallback(async () => (await fetchDay(date)).slots.find((slot) => slot.id === slotId), [slotId, date]);
  const { state, reload } = useRequest(load);
  const [draft, setDraft] = useState<Draft>({ name: '', idNumber: '', topic: '', description: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const change = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    if (errors[field]) setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  const submit = async () => {
    setFormError(undefined);
    const checked = validate(walkInBodySchema, {
      slotId,
      name: draft.name.trim() || undefined,
      idNumber: draft.idNumber.trim().toUpperCase() || undefined,
      topic: draft.topic || undefined,
      description: draft.description,
    });
    if (!checked.ok) {
      setErrors({
        ...checked.errors,
        name: checked.errors.name ?? (draft.name.trim() ? undefined : '请填写姓名'),
        idNumber: checked.errors.idNumber ?? (draft.idNumber.trim() ? undefined : '请填写身份证号码'),
        topic: checked.errors.topic && '请选择咨询类别',
        userId: undefined,
      });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await addWalkIn(checked.data);
      void Taro.showToast({ title: '已登记并签到', icon: 'none', duration: 2000 });
      void Taro.navigateBack({ delta: 1 });
    } catch (failure) {
      setErrors(fieldErrorsOf(failure));
      setFormError(failure instanceof ApiError ? failure.message : '登记失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <LoadState state={state} onRetry={reload}>
      {(slot) =>
        !slot ? (
          <View className="card">
            <View className="card__title">时段不存在</View>
          </View>
        ) : (
          <View className="form-card legal-walk-in-form">
            <View className="form-card__title">{`${slotTimeLabel(slot)}（余 ${slot.remaining} 个）`}</View>
            <View className="form-card__text">
              来访人须已在本程序注册并完成实名认证。登记后直接记为已签到，只能使用当天时段的空余名额。
            </View>
            {formError && (
              <View className="form-error" role="alert">
                {formError}
              </View>
            )}
            <TextField
              id="walk-in-name"
              label="姓名"
              value={draft.name}
              maxlength={50}
              error={errors.name}
              onChange={(value) => change('name', value)}
            />
            <TextField
              id="walk-in-id-number"
              label="身份证号码"
              value={draft.idNumber}
              type="idcard"
              maxlength={18}
              error={errors.idNumber}
              onChange={(value) => change('idNumber', value)}
            />
            <ChoiceGroup
              id="walk-in-topic"
              label="咨询类别"
              options={legalTopicOptions}
              value={draft.topic || undefined}
              error={errors.topic}
              onChange={(value) => change('topic', value)}
            />
            <TextAreaField
              id="walk-in-description"
              label="问题简述"
              value={draft.description}
              maxlength={500}
              error={errors.description}
              onChange={(value) => change('description', value)}
            />
            <AppButton type="primary" size="large" block loading={busy} onClick={() => void submit()}>
              登记并签到
            </AppButton>
          </View>
        )
      }
    </LoadState>
  );
}
