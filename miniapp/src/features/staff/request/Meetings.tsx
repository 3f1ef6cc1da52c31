import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { appealMeetingBodySchema, beijingToday } from '@veterans/shared';
import { useCallback, useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { AppButton } from '../../../components/AppButton';
import { LoadState } from '../../../components/LoadState';
import { TextField } from '../../../components/TextField';
import { type FieldErrors, validate } from '../../../forms/validation';
import { DateTimeField } from '../../legal/controls';
import { fetchMeetings, scheduleMeeting } from '../api';
import { beijingInstant } from '../format';
import { TextArea } from '../TextArea';
import { useLiveRequest } from '../use-live-request';
import '../staff.css';

/** 约访 of an appeal: meetings scheduled so far, and a form to schedule one (the applicant is notified). */
export function Meetings({ requestId, onScheduled }: { requestId: number; onScheduled: () => void }) {
  const load = useCallback(() => fetchMeetings(requestId), [requestId]);
  const meetings = useLiveRequest(load);
  const [date, setDate] = useState(() => beijingToday());
  const [time, setTime] = useState('09:30');
  const [place, setPlace] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setFormError(undefined);
    const when = date && time ? beijingInstant(date, time) : '';
    const checked = validate(appealMeetingBodySchema, { scheduledAt: when, place, note: note.trim() || undefined });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await scheduleMeeting(requestId, checked.data);
      setPlace('');
      setNote('');
      meetings.refresh();
      onScheduled();
      void Taro.showToast({ title: '约访已安排，已通知申请人', icon: 'none', duration: 2000 });
    } catch (failure) {
      setErrors(fieldErrorsOf(failure));
      setFormError(failure instanceof ApiError ? failure.message : '保存失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card meetings">
      <View className="card__title">约访</View>
      <LoadState
        state={meetings.state}
        onRetry={meetings.reload}
        isEmpty={(items) => items.length === 0}
        emptyText="还没有安排约访。"
      >
        {(items) =>
          items.map((meeting) => (
            <View key={meeting.id} className="staff-message meeting">
              <View className="staff-message__meta">{meeting.scheduledAtText}</View>
              <View className="staff-message__body">{`地点：${meeting.place}${meeting.note ? `\n${meeting.note}` : ''}`}</View>
            </View>
          ))
        }
      </LoadState>
      <View className="section-title">安排约访</View>
      {formError && (
        <View className="form-error" role="alert">
          {formError}
        </View>
      )}
      <DateTimeField
        id="meeting-date"
        label="约访日期"
        mode="date"
        value={date}
        error={errors.scheduledAt}
        onChange={setDate}
      />
      <DateTimeField id="meeting-time" label="约访时间" mode="time" value={time} onChange={setTime} />
      <TextField
        id="meeting-place"
        label="约访地点"
        value={place}
        maxlength={200}
        placeholder="如：区退役军人服务中心接待室"
        error={errors.place}
        onChange={setPlace}
      />
      <TextArea
        id="meeting-note"
        label="说明（选填，申请人可见）"
        value={note}
        maxlength={1000}
        placeholder="需携带的材料、联系人等"
        error={errors.note}
        onChange={setNote}
      />
      <AppButton className="schedule-meeting-button" type="primary" loading={busy} onClick={save}>
        安排约访并通知申请人
      </AppButton>
    </View>
  );
}
