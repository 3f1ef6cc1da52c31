import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  formatChineseDate,
  type HomeFilingReason,
  homeFilingBodySchema,
  homeFilingReasonLabels,
  homeFilingReasons,
  type MyHomeFiling,
  type ServiceCode,
  serviceCatalog,
  serviceCodeSchema,
} from '@veterans/shared';
import { useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { usePageRequest } from '../../../api/use-page-request';
import { AppButton } from '../../../components/AppButton';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { RequireCitizen } from '../../../components/RequireCitizen';
import { StatusBadge } from '../../../components/StatusBadge';
import { TextField } from '../../../components/TextField';
import { askForHomeFiling, fetchMyHomeFilings } from '../../../features/home-filing/api';
import { homeFilingBadge } from '../../../features/home-filing/status';
import { type ActingFor, fetchActingFor } from '../../../features/requests/api';
import { type FieldErrors, validate } from '../../../forms/validation';
import './index.css';

/**
 * 入户办理: a person over 80, seriously ill or bedridden (or their linked family) asks the station to come and file a
 * service at home; the date staff set is shown here (and sent to the inbox).
 */
export default function HomeFilingPage() {
  const { params } = useRouter();
  const service = serviceCodeSchema.safeParse(params.service);
  return (
    <PageRoot className="home-filing-page">
      <RequireCitizen>
        {() => <HomeFiling initialService={service.success ? service.data : undefined} />}
      </RequireCitizen>
    </PageRoot>
  );
}

async function loadPage() {
  const [items, actingFor] = await Promise.all([fetchMyHomeFilings(), fetchActingFor().catch(() => [])]);
  return { items, actingFor };
}

function HomeFiling({ initialService }: { initialService?: ServiceCode }) {
  const { state, reload } = usePageRequest(loadPage);
  return (
    <>
      <View className="body-text">
        年满 80
        周岁、身患重病、卧床或生活不能自理，不便到服务站办事的，可以申请工作人员上门办理。家属关联后也可以为退役军人申请。
      </View>
      <LoadState state={state} onRetry={reload}>
        {({ items, actingFor }) => (
          <>
            {items.length > 0 && <View className="section-title">我的入户办理申请</View>}
            {items.map((item) => (
              <HomeFilingCard key={item.id} item={item} />
            ))}
            <AskForm initialService={initialService} actingFor={actingFor} onAsked={reload} />
          </>
        )}
      </LoadState>
    </>
  );
}

function HomeFilingCard({ item }: { item: MyHomeFiling }) {
  return (
    <View className="card home-filing-card">
      <View className="home-filing-card__head">
        <View className="home-filing-card__service">{item.serviceName}</View>
        <StatusBadge badge={homeFilingBadge(item.status)} />
      </View>
      {item.forName && <View className="body-text">{`为 ${item.forName} 申请`}</View>}
      <View className="body-text">{`原因：${item.reasonLabel}`}</View>
      {item.visitDate ? (
        <View className="home-filing-card__date">
          {`上门日期：${formatChineseDate(item.visitDate)}${item.scheduleNote ? `（${item.scheduleNote}）` : ''}`}
        </View>
      ) : (
        item.status === 'requested' && <View className="body-text">服务站将与您联系约定上门日期。</View>
      )}
      <View className="body-text">{`${item.unitName}${item.unitPhone ? ` · 电话 ${item.unitPhone}` : ''}`}</View>
    </View>
  );
}

const SELF = 'self';
const serviceOptions = serviceCatalog.map((service) => ({ value: service.code, label: service.name }));
const reasonOptions = homeFilingReasons.map((value) => ({ value, label: homeFilingReasonLabels[value] }));

interface Draft {
  behalf: string;
  serviceCode?: ServiceCode;
  reason?: HomeFilingReason;
  reasonNote: string;
  address: string;
  contactPhone: string;
}

function toBody(draft: Draft) {
  return {
    serviceCode: draft.serviceCode,
    reason: draft.reason,
    ...(draft.reason === 'other' ? { reasonNote: draft.reasonNote } : {}),
    address: draft.address,
    ...(draft.contactPhone.trim() ? { contactPhone: draft.contactPhone.trim() } : {}),
    ...(draft.behalf === SELF ? {} : { onBehalfOf: Number(draft.behalf) }),
  };
}

/** Server field paths (`body.address`) as the form's own (`address`). */
function withoutBodyPrefix(errors: Record<string, string>): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([path, message]) => [path.replace(/^body\./, ''), message]));
}

function AskForm({
  initialService,
  actingFor,
  onAsked,
}: {
  initialService?: ServiceCode;
  actingFor: ActingFor[];
  onAsked: () => void;
}) {
  const empty: Draft = { behalf: SELF, serviceCode: initialService, reasonNote: '', address: '', contactPhone: '' };
  const [draft, setDraft] = useState<Draft>(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const change = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => ({ ...previous, [field]: undefined }));
  };
  const behalfOptions = [
    { value: SELF, label: '本人' },
    ...actingFor.map((person) => ({ value: String(person.userId), label: `${person.name}（代为申请）` })),
  ];

  const submit = async () => {
    setFormError(undefined);
    const checked = validate(homeFilingBodySchema, toBody(draft));
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await askForHomeFiling(checked.data);
      setDraft(empty);
      void Taro.showToast({ title: '已提交，服务站将与您约定上门日期', icon: 'none', duration: 2000 });
      onAsked();
    } catch (failure) {
      setErrors(withoutBodyPrefix(fieldErrorsOf(failure)));
      setFormError(failure instanceof ApiError ? failure.message : '提交失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="form-card home-filing-ask">
      <View className="form-card__title">申请上门办理</View>
      {formError && (
        <View className="form-error" role="alert">
          {formError}
        </View>
      )}
      {actingFor.length > 0 && (
        <ChoiceGroup
          id="home-filing-behalf"
          label="为谁申请"
          options={behalfOptions}
          value={draft.behalf}
          onChange={(value) => change('behalf', value)}
        />
      )}
      <ChoiceGroup
        id="home-filing-service"
        label="需要办理的事项"
        options={serviceOptions}
        value={draft.serviceCode}
        error={errors.serviceCode && '请选择需要办理的事项'}
        onChange={(value) => change('serviceCode', value)}
        layout="list"
      />
      <ChoiceGroup
        id="home-filing-reason"
        label="不便到站的原因"
        options={reasonOptions}
        value={draft.reason}
        error={errors.reason}
        onChange={(value) => change('reason', value)}
        layout="list"
      />
      {draft.reason === 'other' && (
        <TextField
          id="home-filing-reason-note"
          label="请说明原因"
          value={draft.reasonNote}
          maxlength={200}
          error={errors.reasonNote}
          onChange={(value) => change('reasonNote', value)}
        />
      )}
      <TextField
        id="home-filing-address"
        label="上门地址"
        value={draft.address}
        maxlength={200}
        placeholder="详细到门牌号"
        hint="加密保存，仅负责上门的服务站工作人员可见。"
        error={errors.address}
        onChange={(value) => change('address', value)}
      />
      <TextField
        id="home-filing-phone"
        label="联系电话（选填，便于约定日期）"
        value={draft.contactPhone}
        type="number"
        h5Type="tel"
        maxlength={11}
        error={errors.contactPhone}
        onChange={(value) => change('contactPhone', value)}
      />
      <AppButton className="home-filing-submit" type="primary" size="large" block loading={busy} onClick={submit}>
        提交入户办理申请
      </AppButton>
    </View>
  );
}
