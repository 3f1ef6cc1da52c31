import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { type ScheduleEffect, scheduleRuleInputSchema } from '@veterans/shared';
import { useCallback, useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { TextField } from '../../../components/TextField';
import { createRule, fetchRules, updateRule } from '../../../features/legal/api';
import { CheckGroup, DateTimeField } from '../../../features/legal/controls';
import {
  draftOfRule,
  effectText,
  friendlyRuleErrors,
  newRuleDraft,
  type RuleDraft,
  ruleInputOf,
  ruleNumberFields,
  weekdayOptions,
} from '../../../features/legal/desk';
import { legalDeskPages } from '../../../features/legal/pages';
import { beijingToday } from '../../../features/legal/time';
import { RequireStaff } from '../../../features/staff/RequireStaff';
import { type FieldErrors, validate } from '../../../forms/validation';
import '../../../features/legal/legal.css';

/** One schedule rule's editor (`?id=`; none: a new rule). Shows what the change did to the published slots. */
export default function RulePage() {
  const { params } = useRouter();
  const id = params.id ? Number(params.id) : undefined;
  return (
    <PageRoot className="legal-rule-page">
      <RequireStaff ability="legal.schedule">{() => <RuleEditor id={id} />}</RequireStaff>
    </PageRoot>
  );
}

function RuleEditor({ id }: { id?: number }) {
  const load = useCallback(async (): Promise<RuleDraft | null> => {
    if (id === undefined) return newRuleDraft(beijingToday());
    const rule = (await fetchRules()).find((candidate) => candidate.id === id);
    return rule ? draftOfRule(rule) : null;
  }, [id]);
  const { state, reload } = useRequest(load);
  const [effect, setEffect] = useState<ScheduleEffect | null>(null);
  if (effect) return <Saved effect={effect} created={id === undefined} />;
  return (
    <LoadState state={state} onRetry={reload}>
      {(initial) =>
        initial ? (
          <RuleForm id={id} initial={initial} onSaved={setEffect} />
        ) : (
          <View className="card">
            <View className="card__title">规则不存在</View>
          </View>
        )
      }
    </LoadState>
  );
}

function RuleForm({
  id,
  initial,
  onSaved,
}: {
  id?: number;
  initial: RuleDraft;
  onSaved: (effect: ScheduleEffect) => void;
}) {
  const [draft, setDraft] = useState<RuleDraft>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const change = <K extends keyof RuleDraft>(field: K, value: RuleDraft[K]) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    if (errors[field]) setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  const submit = async () => {
    setFormError(undefined);
    const checked = validate(scheduleRuleInputSchema, ruleInputOf(draft));
    if (!checked.ok) {
      setErrors(friendlyRuleErrors(checked.errors));
      setFormError('请检查标红的项目');
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const change = id === undefined ? await createRule(checked.data) : await updateRule(id, checked.data);
      onSaved(change.effect);
    } catch (failure) {
      setErrors(friendlyRuleErrors(fieldErrorsOf(failure)));
      setFormError(failure instanceof ApiError ? failure.message : '保存失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  const numberField = (field: keyof typeof ruleNumberFields) => (
    <TextField
      id={`rule-${field}`}
      label={ruleNumberFields[field].label}
      value={draft[field]}
      type="number"
      h5Type="number"
      maxlength={3}
      error={errors[field]}
      onChange={(value) => change(field, value)}
    />
  );

  return (
    <View className="form-card legal-rule-form">
      <View className="form-card__title">{id === undefined ? '新增排班规则' : '修改排班规则'}</View>
      {id !== undefined && (
        <View className="form-card__text">保存后已发布的未来时段随之调整；已有预约保留，受影响的会通知预约人。</View>
      )}
      {formError && (
        <View className="form-error" role="alert">
          {formError}
        </View>
      )}
      <TextField
        id="rule-place"
        label="地点"
        value={draft.place}
        maxlength={200}
        error={errors.place}
        onChange={(value) => change('place', value)}
      />
      <CheckGroup
        id="rule-weekdays"
        label="每周哪几天"
        options={weekdayOptions}
        values={draft.weekdays}
        error={errors.weekdays}
        onChange={(values) => change('weekdays', values)}
      />
      <View className="legal-row">
        <DateTimeField
          id="rule-start"
          label="开始时间"
          mode="time"
          value={draft.startTime}
          error={errors.startTime}
          onChange={(value) => change('startTime', value)}
        />
        <DateTimeField
          id="rule-end"
          label="结束时间"
          mode="time"
          value={draft.endTime}
          error={errors.endTime}
          onChange={(value) => change('endTime', value)}
        />
      </View>
      {numberField('slotMinutes')}
      {numberField('capacity')}
      {numberField('weeksAhead')}
      <View className="legal-row">
        {numberField('bookingCutoffDaysBefore')}
        <DateTimeField
          id="rule-booking-cutoff-time"
          label="预约截止：时间"
          mode="time"
          value={draft.bookingCutoffTime}
          error={errors.bookingCutoffTime}
          onChange={(value) => change('bookingCutoffTime', value)}
        />
      </View>
      <View className="legal-row">
        {numberField('cancelCutoffDaysBefore')}
        <DateTimeField
          id="rule-cancel-cutoff-time"
          label="取消截止：时间"
          mode="time"
          value={draft.cancelCutoffTime}
          error={errors.cancelCutoffTime}
          onChange={(value) => change('cancelCutoffTime', value)}
        />
      </View>
      <View className="form-field__hint legal-rule-hint">
        提前天数填 0 表示当天。例如“前 1 天 18:00”即咨询日前一天晚上 6 点截止。
      </View>
      <View className="legal-row">
        <DateTimeField
          id="rule-valid-from"
          label="生效日期"
          mode="date"
          value={draft.validFrom}
          error={errors.validFrom}
          onChange={(value) => change('validFrom', value)}
        />
        <DateTimeField
          id="rule-valid-to"
          label="结束日期（选填）"
          mode="date"
          value={draft.validTo}
          error={errors.validTo}
          onChange={(value) => change('validTo', value)}
        />
      </View>
      <AppButton className="rule-submit" type="primary" size="large" block loading={busy} onClick={() => void submit()}>
        保存规则
      </AppButton>
    </View>
  );
}

function Saved({ effect, created }: { effect: ScheduleEffect; created: boolean }) {
  return (
    <>
      <View className="legal-notice legal-notice--success legal-rule-effect" role="status">
        {`${created ? '规则已新增' : '规则已保存'}。${effectText(effect)}`}
      </View>
      <View className="legal-actions">
        <AppButton
          type="primary"
          size="large"
          block
          onClick={() => void Taro.redirectTo({ url: legalDeskPages.rules })}
        >
          返回排班规则
        </AppButton>
        {effect.affectedBookings > 0 && (
          <AppButton size="large" block onClick={() => void Taro.redirectTo({ url: legalDeskPages.impacts })}>
            查看受影响的预约
          </AppButton>
        )}
      </View>
    </>
  );
}
