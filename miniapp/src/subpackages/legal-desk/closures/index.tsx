import { View } from '@tarojs/components';
import { closureInputSchema, type LegalClosure } from '@veterans/shared';
import { useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { TextField } from '../../../components/TextField';
import { createClosure, deleteClosure, fetchClosures } from '../../../features/legal/api';
import { DateTimeField, Toggle } from '../../../features/legal/controls';
import { DeskLinks } from '../../../features/legal/DeskLinks';
import { effectText } from '../../../features/legal/desk';
import { legalDeskPages } from '../../../features/legal/pages';
import { dayLabel } from '../../../features/legal/time';
import { RequireStaff, type StaffPrincipal } from '../../../features/staff/RequireStaff';
import { type FieldErrors, validate } from '../../../forms/validation';
import '../../../features/legal/legal.css';

/**
 * 停诊安排: closures beyond the statutory holidays (which close by themselves), a whole day or a time range, with
 * the reason users see. District admin only.
 */
export default function ClosuresPage() {
  return (
    <PageRoot className="legal-closures-page">
      <RequireStaff ability="legal.schedule">{(staff) => <Closures staff={staff} />}</RequireStaff>
    </PageRoot>
  );
}

interface Draft {
  date: string;
  wholeDay: boolean;
  startTime: string;
  endTime: string;
  reason: string;
}

const EMPTY: Draft = { date: '', wholeDay: true, startTime: '09:00', endTime: '12:00', reason: '' };

function closureTime(closure: LegalClosure): string {
  return closure.startTime && closure.endTime ? `${closure.startTime}-${closure.endTime}` : '全天';
}

function Closures({ staff }: { staff: StaffPrincipal }) {
  const { state, reload } = usePageRequest(fetchClosures);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [removing, setRemoving] = useState<LegalClosure | null>(null);

  const change = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    if (errors[field]) setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  const submit = async () => {
    setFormError(undefined);
    setResult(null);
    const checked = validate(closureInputSchema, {
      date: draft.date,
      startTime: draft.wholeDay ? undefined : draft.startTime,
      endTime: draft.wholeDay ? undefined : draft.endTime,
      reason: draft.reason,
    });
    if (!checked.ok) {
      setErrors({ ...checked.errors, date: checked.errors.date && '请选择停诊日期' });
      return;
    }
    if (checked.data.startTime && checked.data.endTime && checked.data.startTime >= checked.data.endTime) {
      setErrors({ endTime: '结束时间须晚于开始时间' });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { closure, effect } = await createClosure(checked.data);
      setResult(`已新增停诊：${dayLabel(closure.date)} ${closureTime(closure)}。${effectText(effect)}`);
      setDraft(EMPTY);
      reload();
    } catch (failure) {
      setErrors(fieldErrorsOf(failure));
      setFormError(failure instanceof ApiError ? failure.message : '保存失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!removing) return;
    setBusy(true);
    try {
      const effect = await deleteClosure(removing.id);
      setResult(`已取消停诊：${dayLabel(removing.date)} ${closureTime(removing)}。${effectText(effect)}`);
    } catch {
      // The client has shown the server's message.
    } finally {
      setBusy(false);
      setRemoving(null);
      reload();
    }
  };

  return (
    <>
      <View className="body-text">法定节假日会自动停诊，无需在此添加。停诊原因会显示给预约的群众。</View>
      {result && (
        <View className="legal-notice legal-notice--success legal-closure-effect" role="status">
          {result}
        </View>
      )}
      <View className="form-card legal-closure-form">
        <View className="form-card__title">新增停诊</View>
        {formError && (
          <View className="form-error" role="alert">
            {formError}
          </View>
        )}
        <DateTimeField
          id="closure-date"
          label="停诊日期"
          mode="date"
          value={draft.date}
          error={errors.date}
          onChange={(value) => change('date', value)}
        />
        <Toggle
          id="closure-whole-day"
          label="全天停诊"
          checked={draft.wholeDay}
          onChange={(value) => change('wholeDay', value)}
        />
        {!draft.wholeDay && (
          <View className="legal-row">
            <DateTimeField
              id="closure-start"
              label="开始时间"
              mode="time"
              value={draft.startTime}
              error={errors.startTime}
              onChange={(value) => change('startTime', value)}
            />
            <DateTimeField
              id="closure-end"
              label="结束时间"
              mode="time"
              value={draft.endTime}
              error={errors.endTime}
              onChange={(value) => change('endTime', value)}
            />
          </View>
        )}
        <TextField
          id="closure-reason"
          label="停诊原因"
          value={draft.reason}
          maxlength={200}
          placeholder="如：律师外出培训"
          error={errors.reason}
          onChange={(value) => change('reason', value)}
        />
        <AppButton
          className="closure-submit"
          type="primary"
          size="large"
          block
          loading={busy}
          onClick={() => void submit()}
        >
          保存停诊
        </AppButton>
      </View>

      <View className="legal-section-title">已安排的停诊</View>
      <LoadState
        state={state}
        onRetry={reload}
        isEmpty={(items) => items.length === 0}
        emptyText="今天以后没有安排停诊"
      >
        {(items) =>
          items.map((closure) => (
            <View key={closure.id} className="legal-card legal-closure">
              <View className="legal-card__head">
                <View className="legal-card__title">{`${dayLabel(closure.date)} ${closureTime(closure)}`}</View>
              </View>
              <View className="legal-card__line">{`原因：${closure.reason}`}</View>
              <View className="legal-card__actions">
                <AppButton
                  size="large"
                  label={`取消停诊：${dayLabel(closure.date)} ${closureTime(closure)}`}
                  onClick={() => setRemoving(closure)}
                >
                  取消停诊
                </AppButton>
              </View>
            </View>
          ))
        }
      </LoadState>
      <DeskLinks staff={staff} current={legalDeskPages.closures} />
      <ConfirmDialog
        id="legal-remove-closure"
        visible={removing !== null}
        title="取消停诊"
        confirmText="确认取消停诊"
        cancelText="返回"
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
      >
        取消后，相关时段恢复开放预约（节假日除外）。
      </ConfirmDialog>
    </>
  );
}
