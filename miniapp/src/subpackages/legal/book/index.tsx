import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { bookingBodySchema, type LegalSlot, type LegalTopic, type Me } from '@veterans/shared';
import { useCallback, useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { RequireCitizen } from '../../../components/RequireCitizen';
import { fetchMe } from '../../../features/account/api';
import { bookSlot, fetchLinkedVeterans, fetchSlots, type LinkedVeteran } from '../../../features/legal/api';
import { LEGAL_SERVICE, legalTopicOptions } from '../../../features/legal/content';
import { TextAreaField } from '../../../features/legal/controls';
import { legalPages, pageUrl } from '../../../features/legal/pages';
import { SlotFacts } from '../../../features/legal/SlotFacts';
import { remainingText, slotAvailability, slotSelectable } from '../../../features/legal/slots';
import { type FieldErrors, validate } from '../../../forms/validation';
import { usePersistentState } from '../../../hooks/use-persistent-state';
import { routes } from '../../../navigation/routes';
import '../../../features/legal/legal.css';
import { PlaceContact } from '../../../features/about/UnitContact';

/** The booking form: 为谁预约, 咨询类别, 问题简述 — for one slot (`?slotId=&date=`); a full slot's waitlist. */
export default function BookPage() {
  const { params } = useRouter();
  const slotId = Number(params.slotId);
  const date = typeof params.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(params.date) ? params.date : undefined;
  return (
    <PageRoot className="legal-book-page">
      <RequireCitizen>{(current) => <Book userId={current.user.id} slotId={slotId} date={date} />}</RequireCitizen>
    </PageRoot>
  );
}

interface Loaded {
  slot: LegalSlot | undefined;
  me: Me;
  veterans: LinkedVeteran[];
}

function Book({ userId, slotId, date }: { userId: number; slotId: number; date?: string }) {
  const load = useCallback(async (): Promise<Loaded> => {
    const [slots, me, veterans] = await Promise.all([
      fetchSlots(date ? { from: date, to: date } : {}),
      fetchMe(),
      fetchLinkedVeterans().catch((): LinkedVeteran[] => []),
    ]);
    return { slot: slots.slots.find((candidate) => candidate.id === slotId), me, veterans };
  }, [slotId, date]);
  // Loads again when shown again: back from 实名认证 with an identity.
  const { state, reload } = usePageRequest(load);
  return (
    <LoadState state={state} onRetry={reload}>
      {({ slot, me, veterans }) => {
        if (!slot || !slotSelectable(slot)) return <SlotGone reason={slot ? remainingText(slot) : undefined} />;
        if (!me.identity) return <IdentityNeeded />;
        return <BookingForm userId={userId} slot={slot} veterans={veterans} />;
      }}
    </LoadState>
  );
}

function SlotGone({ reason }: { reason?: string }) {
  return (
    <View className="card">
      <View className="card__title">该时段已不开放预约</View>
      <View className="body-text">{`${reason ? `${reason}。` : ''}请重新选择日期和时段。`}</View>
      <AppButton type="primary" size="large" block onClick={() => void Taro.redirectTo({ url: legalPages.consult })}>
        重新选择时段
      </AppButton>
    </View>
  );
}

function IdentityNeeded({ message }: { message?: string }) {
  return (
    <View className="card identity-needed">
      <View className="card__title">请先完成实名认证</View>
      <View className="body-text">
        {message ?? '法律咨询需要核对身份。完成实名认证后，返回此页即可预约，已填写的内容会保留。'}
      </View>
      <AppButton
        className="go-identity"
        type="primary"
        size="large"
        block
        onClick={() => void Taro.navigateTo({ url: routes.identity })}
      >
        去实名认证
      </AppButton>
    </View>
  );
}

const SELF = 'self';

interface BookingDraft {
  /** `self`, or the linked veteran's user id. */
  who: string;
  topic: LegalTopic | '';
  description: string;
}

const EMPTY_DRAFT: BookingDraft = { who: SELF, topic: '', description: '' };

/** A refusal the page explains, with the way forward. */
interface Problem {
  code: string;
  message: string;
}

function BookingForm({ userId, slot, veterans }: { userId: number; slot: LegalSlot; veterans: LinkedVeteran[] }) {
  // Kept in storage: a session that expires mid-form, or a detour to 实名认证, loses nothing.
  const [draft, setDraft, clearDraft] = usePersistentState<BookingDraft>(`legal-booking:${userId}`, EMPTY_DRAFT);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const full = slotAvailability(slot) === 'waitlist';
  const who = draft.who === SELF || veterans.some((veteran) => String(veteran.userId) === draft.who) ? draft.who : SELF;

  const change = <K extends keyof BookingDraft>(field: K, value: BookingDraft[K]) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    if (errors[field]) setErrors((previous) => ({ ...previous, [field]: undefined }));
  };

  const submit = async (waitlist: boolean) => {
    setProblem(null);
    const checked = validate(bookingBodySchema, {
      slotId: slot.id,
      topic: draft.topic || undefined,
      description: draft.description,
      onBehalfOf: who === SELF ? undefined : Number(who),
      waitlist: waitlist || undefined,
    });
    if (!checked.ok) {
      setErrors({ ...checked.errors, topic: checked.errors.topic && '请选择咨询类别' });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const result = await bookSlot(checked.data);
      clearDraft();
      const url =
        result.kind === 'booked'
          ? pageUrl(legalPages.confirmation, { id: result.booking.id })
          : pageUrl(legalPages.confirmation, { waitlist: result.entry.waitlistId });
      void Taro.redirectTo({ url });
    } catch (failure) {
      const fields = fieldErrorsOf(failure);
      setErrors(fields);
      setProblem(
        failure instanceof ApiError
          ? { code: failure.code, message: failure.message }
          : { code: 'CLIENT_ERROR', message: '预约失败，请稍后重试' },
      );
    } finally {
      setBusy(false);
    }
  };

  if (problem?.code === 'IDENTITY_REQUIRED') return <IdentityNeeded message={problem.message} />;

  return (
    <>
      <View className="card legal-slot-summary">
        <View className="card__title">{full ? '加入候补' : '预约时段'}</View>
        <SlotFacts slot={slot} />
        <View className="legal-fact">
          <View className="legal-fact__label">名额</View>
          <View className="legal-fact__value">{remainingText(slot)}</View>
        </View>
        <PlaceContact place={slot.place} />
      </View>
      {full && (
        <View className="legal-notice">
          该时段已约满。加入候补后，如有人取消，将按候补顺序自动为您预约并通知您；预约截止后候补随之结束。
        </View>
      )}

      <View className="form-card legal-booking-form">
        {problem && <ProblemNotice problem={problem} busy={busy} onWaitlist={() => void submit(true)} />}
        {veterans.length > 0 && (
          <ChoiceGroup
            id="legal-who"
            label="为谁预约"
            options={[
              { value: SELF, label: '本人' },
              ...veterans.map((veteran) => ({ value: String(veteran.userId), label: `为 ${veteran.name} 预约` })),
            ]}
            value={who}
            error={errors.onBehalfOf}
            onChange={(value) => change('who', value)}
          />
        )}
        <ChoiceGroup
          id="legal-topic"
          label="咨询类别"
          options={legalTopicOptions}
          value={draft.topic || undefined}
          error={errors.topic}
          onChange={(value) => change('topic', value)}
        />
        <TextAreaField
          id="legal-description"
          label="问题简述"
          value={draft.description}
          maxlength={500}
          placeholder="请简要说明想咨询的问题，便于律师提前准备"
          hint="仅律师和服务中心工作人员可见。"
          error={errors.description}
          onChange={(value) => change('description', value)}
        />
        <View className="body-text legal-bring-line">{LEGAL_SERVICE.bringReminder}</View>
        <AppButton
          className="legal-submit"
          type="primary"
          size="large"
          block
          loading={busy}
          onClick={() => void submit(full)}
        >
          {full ? '加入候补' : '确认预约'}
        </AppButton>
      </View>
    </>
  );
}

function ProblemNotice({ problem, busy, onWaitlist }: { problem: Problem; busy: boolean; onWaitlist: () => void }) {
  return (
    <View className="form-error legal-problem" role="alert">
      <View>{problem.message}</View>
      {problem.code === 'SLOT_FULL' && (
        <View className="legal-card__actions">
          <AppButton type="primary" size="large" loading={busy} onClick={onWaitlist}>
            加入候补
          </AppButton>
          <AppButton size="large" onClick={() => void Taro.redirectTo({ url: legalPages.consult })}>
            选择其他时段
          </AppButton>
        </View>
      )}
      {problem.code === 'BOOKING_CLOSED' && (
        <View className="legal-card__actions">
          <AppButton size="large" onClick={() => void Taro.redirectTo({ url: legalPages.consult })}>
            选择其他时段
          </AppButton>
        </View>
      )}
      {(problem.code === 'ALREADY_BOOKED' || problem.code === 'ALREADY_WAITLISTED') && (
        <View className="legal-card__actions">
          <AppButton size="large" onClick={() => void Taro.redirectTo({ url: legalPages.mine })}>
            查看我的预约
          </AppButton>
        </View>
      )}
    </View>
  );
}
