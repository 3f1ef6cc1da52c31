import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro';
import {
  findService,
  formatChineseDate,
  formFields,
  type Me,
  type RequestDetail,
  type ServiceCode,
  type SubscribeTemplate,
  sensitiveInfoNotice,
  serviceCodeSchema,
  serviceForms,
} from '@veterans/shared';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../../api/client';
import { useRequest } from '../../../api/use-request';
import { AppButton } from '../../../components/AppButton';
import { ChoiceGroup } from '../../../components/ChoiceGroup';
import { LoadState } from '../../../components/LoadState';
import { PageRoot } from '../../../components/PageRoot';
import { RequireCitizen } from '../../../components/RequireCitizen';
import { fetchMe, recordConsent } from '../../../features/account/api';
import { askToSubscribe, loadTemplateIds, REQUEST_TEMPLATES } from '../../../features/notifications/subscribe';
import { type ActingFor, fetchActingFor, fetchRequest, submitRequest } from '../../../features/requests/api';
import { PageFields } from '../../../features/requests/FormFields';
import { fixToast } from '../../../features/requests/fix-toast';
import {
  draftAnswers,
  editPage,
  type FieldValue,
  type FormProgress,
  firstPageWithError,
  isReview,
  latestSupplement,
  nextStep,
  previousStep,
  resumeProgress,
  reviewSummary,
  START,
  serverFieldErrors,
  stepCount,
  stepLabel,
  stepTitle,
  supplementFieldLabels,
  supplementProgress,
  validatePage,
  validateSubmission,
  valuesFromAnswers,
} from '../../../features/requests/form-model';
import { OnceAction } from '../../../features/requests/idempotency';
import { SensitiveConsent } from '../../../features/requests/SensitiveConsent';
import {
  anyUploading,
  fileNamesById,
  itemsOf,
  savedUploads,
  withUploadedFiles,
} from '../../../features/requests/upload-state';
import { useAttachments } from '../../../features/requests/use-attachments';
import { useDraftSaver } from '../../../features/requests/use-draft-saver';
import { type FieldErrors, hasErrors, withoutError } from '../../../forms/validation';
import { routes, withQuery } from '../../../navigation/routes';
import '../../../features/requests/requests.css';
import './index.css';

/**
 * 在线申请: the application form of a service, page by page, rendered from its description in `serviceForms`.
 * `?code=` starts a new application; `?id=` continues a draft or corrects one sent back for a supplement.
 */
export default function RequestFormPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  return (
    <PageRoot className="request-form-page">
      <RequireCitizen>
        {() => <FormLoader code={params.code} id={Number.isInteger(id) && id > 0 ? id : undefined} />}
      </RequireCitizen>
    </PageRoot>
  );
}

interface Loaded {
  me: Me;
  serviceCode: ServiceCode;
  existing: RequestDetail | null;
  actingFor: ActingFor[];
}

function FormLoader({ code, id }: { code?: string; id?: number }) {
  const load = useCallback(async (): Promise<Loaded> => {
    const me = await fetchMe();
    const existing = id ? await fetchRequest(id) : null;
    const parsed = serviceCodeSchema.safeParse(existing?.serviceCode ?? code);
    if (!parsed.success) throw new ApiError('NOT_FOUND', 404, '没有找到要办理的事项');
    // 为家人办理 is chosen when the draft is created; a saved draft keeps whom it is for.
    const actingFor = existing ? [] : await fetchActingFor().catch(() => []);
    return { me, serviceCode: parsed.data, existing, actingFor };
  }, [code, id]);
  const { state, reload } = useRequest(load);
  // Back from 实名认证 (opened from here): load again to see the identity.
  const awaitingIdentity = useRef(false);
  useDidShow(() => {
    if (awaitingIdentity.current) {
      awaitingIdentity.current = false;
      reload();
    }
  });
  return (
    <LoadState state={state} onRetry={reload}>
      {(loaded) => (
        <Gates
          loaded={loaded}
          onNeedIdentity={() => {
            awaitingIdentity.current = true;
            void Taro.navigateTo({ url: routes.identity });
          }}
          onConsented={reload}
        />
      )}
    </LoadState>
  );
}

function involvesSensitive(serviceCode: ServiceCode): boolean {
  return formFields(serviceForms[serviceCode]).some((field) => field.sensitive);
}

function Gates({
  loaded,
  onNeedIdentity,
  onConsented,
}: {
  loaded: Loaded;
  onNeedIdentity: () => void;
  onConsented: () => void;
}) {
  const { me, serviceCode, existing, actingFor } = loaded;
  const [consenting, setConsenting] = useState(false);
  const serviceName = findService(serviceCode)?.name ?? '在线申请';
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: serviceName });
  }, [serviceName]);

  if (existing && existing.status !== 'draft' && existing.status !== 'needs_supplement') {
    return (
      <View className="card">
        <View className="card__title">该办件已提交</View>
        <View className="body-text">{existing.nextStep}</View>
        <AppButton
          type="primary"
          size="large"
          block
          onClick={() => void Taro.redirectTo({ url: withQuery(routes.requestDetail, { id: existing.id }) })}
        >
          查看办件
        </AppButton>
      </View>
    );
  }
  if (!me.identity) {
    return (
      <View className="card">
        <View className="card__title">请先完成实名认证</View>
        <View className="body-text">在线办理需要核实申请人身份。完成实名认证后即可继续填写。</View>
        <AppButton type="primary" size="large" block onClick={onNeedIdentity}>
          去实名认证
        </AppButton>
      </View>
    );
  }
  if (involvesSensitive(serviceCode) && !me.consents.sensitiveInfo) {
    return (
      <SensitiveConsent
        busy={consenting}
        onAgree={async () => {
          setConsenting(true);
          try {
            await recordConsent('sensitive-info', sensitiveInfoNotice.version, true);
            onConsented();
          } catch {
            // the toast has said why
          } finally {
            setConsenting(false);
          }
        }}
        onDecline={() => void Taro.navigateBack().catch(() => Taro.switchTab({ url: routes.services }))}
      />
    );
  }
  return (
    <ApplicationForm serviceCode={serviceCode} serviceName={serviceName} existing={existing} actingFor={actingFor} />
  );
}

type SubmitState =
  | { status: 'idle' }
  | { status: 'submitting' }
  | { status: 'failed'; message: string }
  | { status: 'done'; detail: RequestDetail };

const SELF = 'self';

interface ApplicationFormProps {
  serviceCode: ServiceCode;
  serviceName: string;
  existing: RequestDetail | null;
  actingFor: ActingFor[];
}

function ApplicationForm({ serviceCode, serviceName, existing, actingFor }: ApplicationFormProps) {
  const form = serviceForms[serviceCode];
  const supplement = existing?.status === 'needs_supplement';
  const initialValues = useMemo(() => valuesFromAnswers(form, existing?.formData), [form, existing]);
  const [values, setValues] = useState(initialValues);
  const attachments = useAttachments(form, {
    initial: () => savedUploads(form, existing?.formData, existing?.attachments ?? []),
    onUploaded: (fieldName) => {
      setErrors((previous) => withoutError(previous, fieldName));
      saver.schedule();
    },
    onRemoved: () => saver.schedule(),
  });
  const { uploads } = attachments;
  const [progress, setProgress] = useState<FormProgress>(() => {
    if (supplement) {
      const { reason, fields } = latestSupplement(existing);
      return supplementProgress(form, reason, fields);
    }
    return existing ? resumeProgress(form, withUploadedFiles(form, initialValues, uploads)) : START;
  });
  const namedForSupplement = useMemo(
    () => (existing && supplement ? supplementFieldLabels(form, latestSupplement(existing).fields) : []),
    [form, existing, supplement],
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [behalf, setBehalf] = useState(SELF);
  const [saveError, setSaveError] = useState<string>();
  const [submit, setSubmit] = useState<SubmitState>({ status: 'idle' });
  const [templateIds, setTemplateIds] = useState<Record<string, SubscribeTemplate>>({});

  const valuesRef = useRef(values);
  valuesRef.current = values;
  const current = () => withUploadedFiles(form, valuesRef.current, attachments.latest());

  const saver = useDraftSaver({
    serviceCode,
    initial: existing,
    answers: () => draftAnswers(form, current()),
    onBehalfOf: () => (behalf === SELF ? undefined : Number(behalf)),
  });
  const submitAction = useRef<{ id: number; action: OnceAction<RequestDetail> } | null>(null);

  useEffect(() => {
    loadTemplateIds(REQUEST_TEMPLATES).then(setTemplateIds, () => undefined);
  }, []);
  // Leaving the page (back, or the app to the background) saves what was typed.
  useUnload(() => saver.flush());
  useDidHide(() => saver.flush());

  const saveNow = () => {
    saver.save().then(
      () => setSaveError(undefined),
      (error: unknown) => setSaveError(error instanceof ApiError ? error.message : '草稿保存失败'),
    );
  };

  const change = (name: string, value: FieldValue) => {
    setValues((previous) => ({ ...previous, [name]: value }));
    if (errors[name]) setErrors((previous) => ({ ...previous, [name]: undefined }));
    saver.schedule();
  };

  const goTo = (next: FormProgress) => {
    setProgress(next);
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
    saveNow();
  };

  // ----- steps

  const onNext = () => {
    const page = form.pages[progress.step];
    if (!page) return;
    if (
      page.fields.some((field) => itemsOf(attachments.latest(), field.name).some((item) => item.status === 'uploading'))
    ) {
      void Taro.showToast({ title: '请等待附件上传完成', icon: 'none' });
      return;
    }
    const pageErrors = validatePage(page, current());
    setErrors(pageErrors);
    if (hasErrors(pageErrors)) {
      fixToast.show();
      return;
    }
    fixToast.clear();
    goTo(nextStep(form, progress));
  };

  const doSubmit = async () => {
    setSubmit({ status: 'submitting' });
    try {
      const id = await saver.save();
      if (submitAction.current?.id !== id) {
        submitAction.current = { id, action: new OnceAction((key) => submitRequest(id, key)) };
      }
      const detail = await submitAction.current.action.attempt();
      saver.stop();
      setSubmit({ status: 'done', detail });
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        const fieldErrors = serverFieldErrors(form, error.details);
        const page = firstPageWithError(form, fieldErrors);
        if (page >= 0) {
          setErrors(fieldErrors);
          setProgress(editPage(form, page));
          setSubmit({ status: 'idle' });
          return;
        }
      }
      setSubmit({ status: 'failed', message: error instanceof ApiError ? error.message : '提交失败，请稍后重试' });
    }
  };

  const onSubmit = () => {
    // WeChat only opens its subscribe prompt from within the tap itself: ask before anything is awaited.
    void askToSubscribe(templateIds);
    if (anyUploading(attachments.latest())) {
      void Taro.showToast({ title: '请等待附件上传完成', icon: 'none' });
      return;
    }
    const check = validateSubmission(form, current());
    if (!check.ok) {
      setErrors(check.errors);
      setProgress(editPage(form, check.firstInvalidPage));
      void Taro.showToast({ title: '还有未填写完整的内容', icon: 'none' });
      return;
    }
    void doSubmit();
  };

  if (submit.status === 'done') return <SubmitDone detail={submit.detail} resubmitted={supplement} />;

  const review = isReview(form, progress);
  const page = form.pages[progress.step];
  const showing = withUploadedFiles(form, values, uploads);
  const behalfOptions = [
    { value: SELF, label: '本人' },
    ...actingFor.map((person) => ({ value: String(person.userId), label: `${person.name}（代办）` })),
  ];
  const choosingBehalf = !review && progress.step === 0 && saver.requestId === null && actingFor.length > 0;
  // Whom the request is for stays in sight on every later page, the review above all.
  const behalfName =
    existing?.onBehalfOf?.name ?? actingFor.find((person) => String(person.userId) === behalf)?.name ?? null;

  return (
    <View className="application">
      <StepHeader
        serviceName={serviceName}
        label={stepLabel(form, progress)}
        title={stepTitle(form, progress)}
        step={progress.step}
        total={stepCount(form)}
      />
      {supplement && !isReview(form, progress) && (
        <View className="notice notice--warning" role="note">
          {existing?.nextStep}
          {namedForSupplement.length > 0 && (
            <View className="supplement-fields">{`需补正：${namedForSupplement.join('、')}`}</View>
          )}
        </View>
      )}
      {behalfName && !choosingBehalf && <View className="body-text behalf-line">{`为 ${behalfName} 办理`}</View>}
      {errors.form && (
        <View className="form-error" role="alert">
          {errors.form}
        </View>
      )}
      {!review && page && (
        <View className="form-card">
          {choosingBehalf && (
            <ChoiceGroup id="on-behalf" label="为谁办理" options={behalfOptions} value={behalf} onChange={setBehalf} />
          )}
          <PageFields
            page={page}
            values={showing}
            errors={errors}
            uploads={uploads}
            onChange={change}
            {...attachments.handlers}
          />
        </View>
      )}
      {review && (
        <ReviewList
          sections={reviewSummary(form, showing, fileNamesById(uploads))}
          onEdit={(pageIndex) => goTo(editPage(form, pageIndex))}
        />
      )}
      <SaveLine state={saver.state} created={saver.requestId !== null} error={saveError} />
      {submit.status === 'failed' && (
        <View className="form-error submit-failed" role="alert">
          <View>{`提交未完成：${submit.message}`}</View>
          <View className="submit-failed__hint">您填写的内容已保存。点击“重试”再次提交，不会重复提交。</View>
        </View>
      )}
      <View className="form-actions step-actions">
        {review ? (
          <AppButton
            className="submit-button"
            type="primary"
            size="large"
            block
            loading={submit.status === 'submitting'}
            onClick={submit.status === 'failed' ? () => void doSubmit() : onSubmit}
          >
            {submit.status === 'failed' ? '重试' : supplement ? '重新提交' : '提交申请'}
          </AppButton>
        ) : (
          <AppButton type="primary" size="large" block onClick={onNext}>
            {progress.returnToReview ? '保存并返回核对' : '下一步'}
          </AppButton>
        )}
        {progress.step > 0 && (
          <AppButton
            size="large"
            block
            disabled={submit.status === 'submitting'}
            onClick={() => goTo(previousStep(progress))}
          >
            上一步
          </AppButton>
        )}
      </View>
      {attachments.dialog}
    </View>
  );
}

function StepHeader({
  serviceName,
  label,
  title,
  step,
  total,
}: {
  serviceName: string;
  label: string;
  title: string;
  step: number;
  total: number;
}) {
  return (
    <View className="step-header">
      <View className="step-header__service">{serviceName}</View>
      <View className="step-header__line">
        <Text className="step-header__count">{label}</Text>
        <Text
          className="step-header__title"
          {...(process.env.TARO_ENV === 'h5' ? { role: 'heading', 'aria-level': 2 } : {})}
        >
          {title}
        </Text>
      </View>
      <View className="step-header__bar" aria-hidden="true">
        {Array.from({ length: total }, (_, index) => (
          <View
            // biome-ignore lint/suspicious/noArrayIndexKey: the steps are positions
            key={index}
            className={`step-header__segment ${index <= Math.min(step, total - 1) ? 'step-header__segment--done' : ''}`}
          />
        ))}
      </View>
    </View>
  );
}

function SaveLine({ state, created, error }: { state: string; created: boolean; error?: string }) {
  if (error) return <View className="save-line save-line--failed">{`草稿未能保存：${error}。稍后会自动重试。`}</View>;
  if (state === 'saving') return <View className="save-line">正在保存草稿…</View>;
  if (created) return <View className="save-line">草稿已自动保存，可随时离开，回来继续填写。</View>;
  return <View className="save-line">点击“下一步”后自动保存草稿。</View>;
}

function ReviewList({
  sections,
  onEdit,
}: {
  sections: ReturnType<typeof reviewSummary>;
  onEdit: (pageIndex: number) => void;
}) {
  return (
    <View className="review">
      <View className="body-text review__intro">请核对以下信息，确认无误后提交。</View>
      {sections.map((section) => (
        <View key={section.pageIndex} className="form-card review-section">
          <View className="review-section__head">
            <View className="review-section__title">{section.title}</View>
            <AppButton size="small" label={`修改${section.title}`} onClick={() => onEdit(section.pageIndex)}>
              修改
            </AppButton>
          </View>
          {section.items.map((item) => (
            <View key={item.name} className="review-item">
              <View className="review-item__label">{item.label}</View>
              <View className={`review-item__value ${item.empty ? 'review-item__value--empty' : ''}`}>{item.text}</View>
            </View>
          ))}
        </View>
      ))}
      <View className="body-text review__promise">提交即表示您承诺所填信息和所传材料真实、有效。</View>
    </View>
  );
}

function SubmitDone({ detail, resubmitted }: { detail: RequestDetail; resubmitted: boolean }) {
  return (
    <View className="card submit-done" role="status">
      <View className="submit-done__title">{resubmitted ? '补正材料已提交' : '提交成功'}</View>
      <View className="detail-line">
        <View className="detail-line__label">办件编号</View>
        <View className="detail-line__value request-number">{detail.number ?? '—'}</View>
      </View>
      <View className="detail-line">
        <View className="detail-line__label">办理事项</View>
        <View className="detail-line__value">{detail.serviceName}</View>
      </View>
      {detail.dueDate && (
        <View className="detail-line">
          <View className="detail-line__label">承诺办结</View>
          <View className="detail-line__value">{`${formatChineseDate(detail.dueDate)}前`}</View>
        </View>
      )}
      {detail.unit && (
        <View className="detail-line">
          <View className="detail-line__label">受理单位</View>
          <View className="detail-line__value">{detail.unit.name}</View>
        </View>
      )}
      <View className="notice">{`接下来：${detail.nextStep}`}</View>
      <View className="body-text">办理进展会通过“消息”通知您，也可以在“我的办件”中随时查看。</View>
      <View className="form-actions">
        <AppButton
          type="primary"
          size="large"
          block
          onClick={() => void Taro.redirectTo({ url: withQuery(routes.requestDetail, { id: detail.id }) })}
        >
          查看办件
        </AppButton>
        <AppButton size="large" block onClick={() => void Taro.switchTab({ url: routes.home })}>
          返回首页
        </AppButton>
      </View>
    </View>
  );
}
