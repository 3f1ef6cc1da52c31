import { View } from '@tarojs/components';
import {
  type CounterConsentMethod,
  type CounterLegalBooking,
  type CounterPerson,
  consentMethodLabels,
  counterConsentMethods,
  counterLegalBookingBodySchema,
  type LegalSlot,
  type LegalTopic,
  type StaffLegalBookingChannel,
  staffLegalBookingNames,
} from '@veterans/shared';
import { useCallback, useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { LoadState } from '../../../components/LoadState';
import { NoBreakText } from '../../../components/NoBreakText';
import { bookLegalConsultation } from '../../../features/counter/api';
import { fetchSlots } from '../../../features/legal/api';
import { LEGAL_SERVICE, legalTopicOptions } from '../../../features/legal/content';
import { TextAreaField } from '../../../features/legal/controls';
import { SlotCalendar } from '../../../features/legal/SlotCalendar';
import { SlotFacts } from '../../../features/legal/SlotFacts';
import { groupSlotsByDay } from '../../../features/legal/slots';
import { instantLabel, slotTimeLabel } from '../../../features/legal/time';
import { type FieldErrors, validate } from '../../../forms/validation';
import '../../../features/legal/legal.css';

const channelOptions = (['phone', 'counter'] as const).map((value) => ({
  value,
  label: staffLegalBookingNames[value],
}));
const consentOptions = counterConsentMethods.map((value) => ({ value, label: consentMethodLabels[value] }));

/**
 * 预约法律咨询 at the counter: the clerk books a later consultation day for the person in front of them or on the
 * phone, under the rules the app applies; the booking is the person's own. Someone who wants to see the lawyer
 * today is registered on the lawyer's desk (现场登记) instead.
 */
export function CounterLegalBookingForm({ person }: { person: CounterPerson }) {
  const load = useCallback(() => fetchSlots().then(groupSlotsByDay), []);
  const { state, reload } = useRequest(load);
  const [slot, setSlot] = useState<LegalSlot>();
  const [booked, setBooked] = useState<CounterLegalBooking>();

  if (booked) return <BookedCard booking={booked} person={person} />;
  if (slot)
    return <BookingDetails person={person} slot={slot} onChangeSlot={() => setSlot(undefined)} onBooked={setBooked} />;
  return (
    <View className="card counter-legal">
      <View className="card__title">选择咨询时段</View>
      <View className="body-text">{LEGAL_SERVICE.rules}</View>
      <LoadState state={state} onRetry={reload}>
        {(days) => <SlotCalendar days={days} onChoose={setSlot} />}
      </LoadState>
    </View>
  );
}

interface BookingDetailsProps {
  person: CounterPerson;
  slot: LegalSlot;
  onChangeSlot: () => void;
  onBooked: (booking: CounterLegalBooking) => void;
}

function BookingDetails({ person, slot, onChangeSlot, onBooked }: BookingDetailsProps) {
  const [topic, setTopic] = useState<LegalTopic>();
  const [description, setDescription] = useState('');
  const [channel, setChannel] = useState<StaffLegalBookingChannel>('phone');
  const [consentMethod, setConsent] = useState<CounterConsentMethod>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    setFailure(undefined);
    const checked = validate(counterLegalBookingBodySchema, {
      userId: person.userId,
      slotId: slot.id,
      topic,
      description,
      channel,
      consentMethod,
    });
    if (!checked.ok) {
      setErrors({ ...checked.errors, topic: checked.errors.topic && '请选择咨询类别' });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      onBooked(await bookLegalConsultation(checked.data));
    } catch (caught) {
      const fields = fieldErrorsOf(caught);
      setErrors({ description: fields['body.description'], consentMethod: fields['body.consentMethod'] });
      setFailure(caught instanceof ApiError ? caught.message : '预约失败，请重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="form-card counter-legal">
      <View className="card__title">预约法律咨询</View>
      <SlotFacts slot={slot} />
      <AppButton size="small" onClick={onChangeSlot}>
        重新选择时段
      </AppButton>
      <ChoiceGroup
        id="counter-legal-topic"
        label="咨询类别"
        options={legalTopicOptions}
        value={topic}
        error={errors.topic}
        onChange={setTopic}
      />
      <TextAreaField
        id="counter-legal-description"
        label="问题简述"
        value={description}
        maxlength={500}
        placeholder="记下办事人想咨询的问题，便于律师提前准备"
        error={errors.description}
        onChange={setDescription}
      />
      <ChoiceGroup
        id="counter-legal-channel"
        label="预约方式"
        options={channelOptions}
        value={channel}
        error={errors.channel}
        onChange={setChannel}
      />
      <ChoiceGroup
        id="counter-legal-consent"
        label="本人同意处理其个人信息的方式"
        options={consentOptions}
        value={consentMethod}
        error={errors.consentMethod}
        onChange={setConsent}
      />
      {failure && (
        <View className="form-error" role="alert">
          {`预约未完成：${failure}`}
        </View>
      )}
      <AppButton type="primary" size="large" block loading={busy} onClick={() => void submit()}>
        确认预约
      </AppButton>
    </View>
  );
}

/** What the clerk reads back to the person (on the phone, they cannot see the screen). */
function BookedCard({ booking, person }: { booking: CounterLegalBooking; person: CounterPerson }) {
  return (
    <View className="card counter-legal-booked" role="status">
      <View className="card__title">已预约法律咨询</View>
      <View className="body-text">{`咨询人：${booking.personName}`}</View>
      <View className="body-text">
        <NoBreakText text={`时间：${slotTimeLabel(booking.slot)}（北京时间）`} />
      </View>
      <View className="body-text">{`地点：${booking.slot.place}`}</View>
      <View className="body-text">{booking.staffNote}</View>
      <View className="body-text">
        {`请告知办事人：${LEGAL_SERVICE.bringReminder}如不能到场，请在 ${instantLabel(booking.cancelClosesAt)} 前来电或在应用中取消。`}
      </View>
      {person.hasAppAccount && <View className="body-text">办事人在“我的预约”中可以看到这次预约。</View>}
    </View>
  );
}
