import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  consultationRecordBodySchema,
  type LegalDayBooking,
  type LegalDaySlot,
  type LegalRecord,
  type LegalTopic,
} from '@veterans/shared';
import { useCallback, useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { fetchDay, recordConsultation } from '../../../features/legal/api';
import { legalTopicOptions } from '../../../features/legal/content';
import { TextAreaField, Toggle } from '../../../features/legal/controls';
import { legalDeskPages } from '../../../features/legal/pages';
import { RecordCard } from '../../../features/legal/RecordCard';
import { slotTimeLabel } from '../../../features/legal/time';
import { ApplicantPhone } from '../../../features/staff/ApplicantPhone';
import { RequireStaff } from '../../../features/staff/RequireStaff';
import { type FieldErrors, validate } from '../../../forms/validation';
import { usePersistentState } from '../../../hooks/use-persistent-state';
import '../../../features/legal/legal.css';

/** The lawyer's record of one checked-in consultation (`?bookingId=&date=`), with the follow-up request option. */
export default function RecordPage() {
  const { params } = useRouter();
  const bookingId = Number(params.bookingId);
  const date = String(params.date ?? '');
  return (
    <PageRoot className="legal-record-page">
      <RequireStaff ability="legal.record">
        {(staff) => <Record staffId={staff.id} bookingId={bookingId} date={date} />}
      </RequireStaff>
    </PageRoot>
  );
}

interface Found {
  slot: LegalDaySlot;
  booking: LegalDayBooking;
}

function Record({ staffId, bookingId, date }: { staffId: number; bookingId: number; date: string }) {
  const load = useCallback(async (): Promise<Found | null> => {
    const day = await fetchDay(date);
    for (const slot of day.slots) {
      const booking = slot.bookings.find((candidate) => candidate.id === bookingId);
      if (booking) return { slot, booking };
    }
    return null;
  }, [bookingId, date]);
  const { state, reload } = useRequest(load);
  const [saved, setSaved] = useState<LegalRecord | null>(null);
  if (saved) return <Saved record={saved} />;
  return (
    <LoadState state={state} onRetry={reload}>
      {(found) => {
        if (!found) return <Message title="预约不存在" text="请回到当日预约重新选择。" />;
        if (found.booking.recordId !== null)
          return <Message title="已记录" text="该预约已有咨询记录，可在“我的记录”中查看。" />;
        if (found.booking.status !== 'checked_in') {
          return <Message title="尚未签到" text="咨询人签到后才能记录咨询结果。请服务中心工作人员先为其签到。" />;
        }
        return <RecordForm staffId={staffId} found={found} onSaved={setSaved} />;
      }}
    </LoadState>
  );
}

function Message({ title, text }: { title: string; text: string }) {
  return (
    <View className="card">
      <View className="card__title">{title}</View>
      <View className="body-text">{text}</View>
      <AppButton size="large" block onClick={() => void Taro.navigateBack({ delta: 1 })}>
        返回
      </AppButton>
    </View>
  );
}

interface Draft {
  category: LegalTopic;
  summary: string;
  advice: string;
  legalAidAdvised: boolean;
  followUpAdvised: boolean;
  createFollowUpRequest: boolean;
  followUpNote: string;
}

const yesNo = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
] as const;

function RecordForm({
  staffId,
  found,
  onSaved,
}: {
  staffId: number;
  found: Found;
  onSaved: (record: LegalRecord) => void;
}) {
  const { booking, slot } = found;
  // Kept in storage per lawyer and booking: a long summary survives an expired session.
  const [draft, setDraft, clearDraft] = usePersistentState<Draft>(`legal-record:${staffId}:${booking.id}`, {
    category: booking.topic,
    summary: '',
    advice: '',
    legalAidAdvised: false,
    followUpAdvised: false,
    createFollowUpRequest: false,
    followUpNote: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const change = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    if (errors[field]) setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  const submit = async () => {
    setFormError(undefined);
    const checked = validate(consultationRecordBodySchema, {
      category: draft.category,
      summary: draft.summary,
      advice: draft.advice,
      legalAidAdvised: draft.legalAidAdvised,
      followUpAdvised: draft.followUpAdvised || draft.createFollowUpRequest,
      createFollowUpRequest: draft.createFollowUpRequest || undefined,
      followUpNote: draft.createFollowUpRequest && draft.followUpNote.trim() ? draft.followUpNote : undefined,
    });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const record = await recordConsultation(booking.id, checked.data);
      clearDraft();
      onSaved(record);
    } catch (failure) {
      setErrors(fieldErrorsOf(failure));
      setFormError(failure instanceof ApiError ? failure.message : '保存失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <View className="card legal-record-booking">
        <View className="card__title">{booking.name}</View>
        <View className="legal-card__line">{slotTimeLabel(slot)}</View>
        <View className="legal-card__line">{`预约类别：${booking.topicLabel}`}</View>
        <View className="legal-card__text">{booking.description}</View>
        <ApplicantPhone of={{ booking: booking.id }} label={booking.bookedByFamily ? '家属电话' : '联系电话'} />
      </View>
      <View className="form-card legal-record-form">
        <View className="form-card__text">摘要和建议加密保存，咨询人本人可以查看；工作人员查看会留痕。</View>
        {formError && (
          <View className="form-error" role="alert">
            {formError}
          </View>
        )}
        <ChoiceGroup
          id="record-category"
          label="咨询类别"
          options={legalTopicOptions}
          value={draft.category}
          error={errors.category}
          onChange={(value) => change('category', value)}
        />
        <TextAreaField
          id="record-summary"
          label="咨询摘要"
          value={draft.summary}
          maxlength={2000}
          error={errors.summary}
          onChange={(value) => change('summary', value)}
        />
        <TextAreaField
          id="record-advice"
          label="给出的建议"
          value={draft.advice}
          maxlength={2000}
          error={errors.advice}
          onChange={(value) => change('advice', value)}
        />
        <ChoiceGroup
          id="record-legal-aid"
          label="是否建议申请法律援助"
          options={yesNo}
          value={draft.legalAidAdvised ? 'yes' : 'no'}
          onChange={(value) => change('legalAidAdvised', value === 'yes')}
        />
        <ChoiceGroup
          id="record-follow-up"
          label="是否建议后续跟进"
          options={yesNo}
          value={draft.followUpAdvised || draft.createFollowUpRequest ? 'yes' : 'no'}
          onChange={(value) => {
            change('followUpAdvised', value === 'yes');
            if (value === 'no') change('createFollowUpRequest', false);
          }}
        />
        <Toggle
          id="record-create-follow-up"
          label="同时为咨询人提交后续办件"
          checked={draft.createFollowUpRequest}
          hint={
            draft.legalAidAdvised
              ? '将以“诉求反映”提交，由服务中心跟进。'
              : '将以“政策咨询”提交，由服务中心答复。咨询人可在“我的办件”中查看。'
          }
          onChange={(checked) => change('createFollowUpRequest', checked)}
        />
        {draft.createFollowUpRequest && (
          <TextAreaField
            id="record-follow-up-note"
            label="办件说明（选填）"
            value={draft.followUpNote}
            maxlength={1000}
            placeholder="写给承办工作人员，不填则自动生成"
            error={errors.followUpNote}
            onChange={(value) => change('followUpNote', value)}
          />
        )}
        <AppButton
          className="record-submit"
          type="primary"
          size="large"
          block
          loading={busy}
          onClick={() => void submit()}
        >
          保存咨询记录
        </AppButton>
      </View>
    </>
  );
}

function Saved({ record }: { record: LegalRecord }) {
  return (
    <>
      <View className="legal-notice legal-notice--success" role="status">
        {record.followUpRequest
          ? `咨询记录已保存，已为咨询人提交后续办件 ${record.followUpRequest.number ?? ''}。`
          : '咨询记录已保存，咨询人可在“咨询记录”中查看。'}
      </View>
      <RecordCard record={record} />
      <View className="legal-actions">
        <AppButton type="primary" size="large" block onClick={() => void Taro.navigateBack({ delta: 1 })}>
          返回当日预约
        </AppButton>
        <AppButton size="large" block onClick={() => void Taro.redirectTo({ url: legalDeskPages.records })}>
          我的记录
        </AppButton>
      </View>
    </>
  );
}
