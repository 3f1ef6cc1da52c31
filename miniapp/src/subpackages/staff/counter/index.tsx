import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  type CounterChannel,
  type CounterConsentMethod,
  type CounterPerson,
  consentMethodLabels,
  counterChannels,
  counterConsentMethods,
  requestChannelLabels,
  type ServiceCode,
  serviceCatalog,
  serviceCodeSchema,
  serviceForms,
  veteranStatusLabels,
} from '@veterans/shared';
import { useMemo, useState } from 'react';
import { ApiError, fieldErrorsOf } from '../../../api/client';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { TextField } from '../../../components/TextField';
import { fetchOrgUnits } from '../../../features/account/api';
import { communityOptions } from '../../../features/account/communities';
import { fileForPerson, lookUpPerson, registerPerson } from '../../../features/counter/api';
import { PageFields } from '../../../features/requests/FormFields';
import {
  type FieldValue,
  serverFieldErrors,
  validateSubmission,
  valuesFromAnswers,
} from '../../../features/requests/form-model';
import { OnceAction } from '../../../features/requests/idempotency';
import { anyUploading, withUploadedFiles } from '../../../features/requests/upload-state';
import { useAttachments } from '../../../features/requests/use-attachments';
import { RequireStaff } from '../../../features/staff/RequireStaff';
import { type FieldErrors, withoutError } from '../../../forms/validation';
import { routes, withQuery } from '../../../navigation/routes';
import { CounterLegalBookingForm } from './LegalBooking';
import '../../../features/staff/staff.css';
import './index.css';

/**
 * 窗口代办: staff file for a veteran who is at the counter or on the phone. Find the person by ID number or
 * register them with the identity they show, then fill the same schema-driven form the app uses (all pages on
 * one screen: the clerk types from the papers in front of them), attach scans, record how consent was given and
 * submit; the receipt page prints the 受理回执. Or book the person a legal consultation on a later day.
 * Opened from the 入户办理 queue (`?homeFiling=<id>&service=<code>`): filed 上门 for that service, and the receipt
 * leads back to recording the visit with the filed request.
 */
export default function StaffCounterPage() {
  const { params } = useRouter();
  const service = serviceCodeSchema.safeParse(params.service);
  const visit: HomeVisitFiling | null = Number(params.homeFiling)
    ? { homeFilingId: Number(params.homeFiling), serviceCode: service.success ? service.data : undefined }
    : null;
  return (
    <PageRoot className="staff-counter-page staff-page">
      <RequireStaff ability="counter.file">{() => <CounterDesk visit={visit} />}</RequireStaff>
    </PageRoot>
  );
}

/** Filing at a 入户办理 visit. */
interface HomeVisitFiling {
  homeFilingId: number;
  serviceCode?: ServiceCode;
}

function CounterDesk({ visit }: { visit: HomeVisitFiling | null }) {
  const [person, setPerson] = useState<CounterPerson | null>(null);
  return (
    <>
      {visit && (
        <View className="staff-notice counter-home-visit" role="note">
          上门代办（入户办理）：请当面核对本人身份证后查找办事人，受理方式为“上门”。
        </View>
      )}
      {person ? (
        <FileRequest person={person} visit={visit} onChangePerson={() => setPerson(null)} />
      ) : (
        <FindPerson onFound={setPerson} />
      )}
    </>
  );
}

const consentOptions = counterConsentMethods.map((value) => ({ value, label: consentMethodLabels[value] }));

function FindPerson({ onFound }: { onFound: (person: CounterPerson) => void }) {
  const [idNumber, setIdNumber] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [notFound, setNotFound] = useState<string | null>(null);

  const find = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const person = await lookUpPerson(idNumber.trim());
      if (person) onFound(person);
      else setNotFound(idNumber.trim());
    } catch (caught) {
      setError(fieldErrorsOf(caught)['body.idNumber'] ?? (caught instanceof ApiError ? caught.message : '查找失败'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      <View className="card">
        <View className="card__title">按身份证号码查找办事人</View>
        <TextField
          id="counter-id-number"
          label="身份证号码"
          value={idNumber}
          onChange={(value) => {
            setIdNumber(value);
            setNotFound(null);
          }}
          error={error}
          maxlength={18}
          onEnter={() => void find()}
        />
        <AppButton type="primary" size="large" block loading={busy} onClick={() => void find()}>
          查找
        </AppButton>
      </View>
      {notFound && <RegisterPerson idNumber={notFound} onRegistered={onFound} />}
    </View>
  );
}

function RegisterPerson({ idNumber, onRegistered }: { idNumber: string; onRegistered: (p: CounterPerson) => void }) {
  const units = useRequest(fetchOrgUnits);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [communityUnitId, setCommunity] = useState<string>();
  const [documentChecked, setDocumentChecked] = useState<'yes' | 'no'>();
  const [consentMethod, setConsent] = useState<CounterConsentMethod>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setErrors({});
    try {
      onRegistered(
        await registerPerson({
          name: name.trim(),
          idNumber,
          phone: phone.trim(),
          communityUnitId: Number(communityUnitId),
          documentChecked: documentChecked === 'yes',
          // Sent as chosen (possibly missing): the server's schema says what is wrong, in the same words.
          consentMethod: consentMethod as CounterConsentMethod,
        }),
      );
    } catch (caught) {
      const fields = fieldErrorsOf(caught);
      setErrors(
        Object.keys(fields).length > 0 ? fields : { form: caught instanceof ApiError ? caught.message : '登记失败' },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card">
      <View className="card__title">未找到，登记办事人</View>
      <View className="body-text">{`身份证号码 ${idNumber} 尚无登记。请按其出示的证件登记：`}</View>
      <TextField
        id="counter-name"
        label="姓名"
        value={name}
        onChange={setName}
        error={errors['body.name']}
        onEnter={() => void submit()}
      />
      <TextField
        id="counter-phone"
        label="手机号码（选填，本人以后可用它登录查看办件）"
        value={phone}
        onChange={setPhone}
        error={errors['body.phone']}
        type="number"
        maxlength={11}
        onEnter={() => void submit()}
      />
      <LoadState state={units.state} onRetry={units.reload}>
        {(loaded) => (
          <ChoiceGroup
            id="counter-community"
            label="所属社区"
            options={communityOptions(loaded).map((option) => ({ value: String(option.id), label: option.label }))}
            value={communityUnitId}
            onChange={setCommunity}
            error={errors['body.communityUnitId']}
          />
        )}
      </LoadState>
      <ChoiceGroup
        id="counter-document"
        label="是否已当面核对退伍证"
        options={[
          { value: 'yes', label: '已当面核对退伍证（登记即认证）' },
          { value: 'no', label: '未核对（进入实名核验队列）' },
        ]}
        value={documentChecked}
        onChange={setDocumentChecked}
      />
      <ChoiceGroup
        id="counter-consent"
        label="本人同意隐私政策的方式"
        options={consentOptions}
        value={consentMethod}
        onChange={setConsent}
        error={errors['body.consentMethod']}
      />
      {errors.form && (
        <View className="form-error" role="alert">
          {errors.form}
        </View>
      )}
      <AppButton type="primary" size="large" block loading={busy} onClick={() => void submit()}>
        登记
      </AppButton>
    </View>
  );
}

interface FileRequestProps {
  person: CounterPerson;
  visit: HomeVisitFiling | null;
  onChangePerson: () => void;
}

/** What the clerk does for the person: file a request (办理事项), or book a legal consultation. */
type CounterTask = 'file' | 'legal';
const taskOptions: { value: CounterTask; label: string }[] = [
  { value: 'file', label: '办理事项' },
  { value: 'legal', label: '预约法律咨询' },
];

function FileRequest({ person, visit, onChangePerson }: FileRequestProps) {
  const [task, setTask] = useState<CounterTask>('file');
  const [serviceCode, setServiceCode] = useState<ServiceCode | undefined>(visit?.serviceCode);
  return (
    <View>
      <View className="card counter-person" role="status">
        <View className="card__title">{`办事人：${person.name}`}</View>
        <View className="body-text">{`身份证号码 ${person.idNumber} · ${person.communityName ?? '未选社区'} · ${veteranStatusLabels[person.veteranStatus]}`}</View>
        <AppButton size="small" onClick={onChangePerson}>
          更换办事人
        </AppButton>
      </View>
      {!visit && (
        <View className="card">
          <ChoiceGroup id="counter-task" label="为办事人" options={taskOptions} value={task} onChange={setTask} />
        </View>
      )}
      {task === 'legal' ? (
        <CounterLegalBookingForm person={person} />
      ) : (
        <>
          <View className="card">
            <ChoiceGroup
              id="counter-service"
              label="办理事项"
              options={serviceCatalog.map((service) => ({ value: service.code, label: service.name }))}
              value={serviceCode}
              onChange={setServiceCode}
            />
          </View>
          {serviceCode && <CounterForm key={serviceCode} person={person} serviceCode={serviceCode} visit={visit} />}
        </>
      )}
    </View>
  );
}

function CounterForm({
  person,
  serviceCode,
  visit,
}: Omit<FileRequestProps, 'onChangePerson'> & { serviceCode: ServiceCode }) {
  const form = serviceForms[serviceCode];
  const [values, setValues] = useState(() => valuesFromAnswers(form, null));
  const [errors, setErrors] = useState<FieldErrors>({});
  // The clerk's scans (uploaded as staff): the server lets the filing clerk attach them to this person's request.
  const attachments = useAttachments(form, {
    onUploaded: (fieldName) => setErrors((previous) => withoutError(previous, fieldName)),
  });
  const { uploads } = attachments;
  const [channel, setChannel] = useState<CounterChannel>(visit ? 'home' : 'counter');
  const [consentMethod, setConsent] = useState<CounterConsentMethod>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submitOnce = useMemo(
    () => new OnceAction((key, body: Parameters<typeof fileForPerson>[0]) => fileForPerson(body, key)),
    [],
  );

  const change = (name: string, value: FieldValue) => {
    setValues((previous) => ({ ...previous, [name]: value }));
    setErrors((previous) => ({ ...previous, [name]: undefined }));
  };

  const submit = async () => {
    if (anyUploading(uploads)) {
      void Taro.showToast({ title: '请等待附件上传完成', icon: 'none' });
      return;
    }
    const check = validateSubmission(form, withUploadedFiles(form, values, uploads));
    if (!check.ok) {
      setErrors(check.errors);
      void Taro.showToast({ title: '还有未填写完整的内容', icon: 'none' });
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const filed = await submitOnce.attempt({
        userId: person.userId,
        serviceCode,
        formData: check.answers,
        channel,
        consentMethod: consentMethod as CounterConsentMethod,
      });
      void Taro.redirectTo({
        url: withQuery(routes.staffCounterReceipt, { id: filed.requestId, homeFiling: visit?.homeFilingId }),
      });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'VALIDATION_FAILED') {
        setErrors(serverFieldErrors(form, caught.details));
      }
      const consentError = fieldErrorsOf(caught)['body.consentMethod'];
      setFailure(consentError ?? (caught instanceof ApiError ? caught.message : '提交失败，请重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="counter-form">
      {form.pages.map((page) => (
        <View key={page.title} className="form-card">
          <View className="card__title">{page.title}</View>
          <PageFields
            page={page}
            values={withUploadedFiles(form, values, uploads)}
            errors={errors}
            uploads={uploads}
            onChange={change}
            {...attachments.handlers}
          />
        </View>
      ))}
      <View className="form-card">
        <ChoiceGroup
          id="counter-channel"
          label="受理方式"
          options={counterChannels.map((value) => ({ value, label: requestChannelLabels[value] }))}
          value={channel}
          onChange={setChannel}
        />
        <ChoiceGroup
          id="counter-file-consent"
          label="本人同意处理其个人信息（含本事项的敏感信息）的方式"
          options={consentOptions}
          value={consentMethod}
          onChange={setConsent}
        />
      </View>
      {failure && (
        <View className="form-error" role="alert">
          {`提交未完成：${failure}`}
        </View>
      )}
      <AppButton
        className="submit-button"
        type="primary"
        size="large"
        block
        loading={busy}
        onClick={() => void submit()}
      >
        提交并打印回执
      </AppButton>
      {attachments.dialog}
    </View>
  );
}
