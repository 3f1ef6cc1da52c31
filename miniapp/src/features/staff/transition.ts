import {
  decideTransition,
  formFields,
  type RequestAction,
  type RequestStatus,
  requestActions,
  type ServiceCode,
  serviceForms,
  stagedServices,
  type TransitionRequestBody,
  transitionRequestBodySchema,
} from '@veterans/shared';

/** What the dialog of one workflow action asks for: one text field, required or not. */
export interface ActionDialogSpec {
  action: RequestAction;
  title: string;
  confirmText: string;
  field: 'reason' | 'resolutionNote';
  fieldLabel: string;
  required: boolean;
  placeholder: string;
  /** Reasons and results reach the applicant (timeline and notification): the dialog says so. */
  hint: string;
  /** Red confirm button: the request leaves the normal path. */
  danger: boolean;
}

const APPLICANT_SEES = '申请人会在办理进度中看到这段文字。';

export function actionLabel(action: RequestAction): string {
  return requestActions[action].label;
}

/** The dialog of an action: 退回补正 and 不予受理 need a reason; 办结 of an appeal needs a 处理结果. */
export function actionDialog(action: RequestAction, serviceCode: ServiceCode): ActionDialogSpec {
  const label = actionLabel(action);
  const base = { action, title: label, confirmText: `确认${label}`, hint: APPLICANT_SEES, danger: false };
  switch (action) {
    case 'request_supplement':
      return {
        ...base,
        field: 'reason',
        fieldLabel: '退回补正的原因',
        required: true,
        placeholder: '请写明需要补正的材料或内容',
      };
    case 'reject':
      return {
        ...base,
        field: 'reason',
        fieldLabel: '不予受理的原因',
        required: true,
        placeholder: '请写明不予受理的理由和依据',
        danger: true,
      };
    case 'complete':
      return serviceCode === 'appeal'
        ? {
            ...base,
            field: 'resolutionNote',
            fieldLabel: '处理结果',
            required: true,
            placeholder: '请写明诉求的处理结果',
          }
        : {
            ...base,
            field: 'resolutionNote',
            fieldLabel: '办理结果（选填）',
            required: false,
            placeholder: '可写明办理结果',
          };
    default:
      return { ...base, field: 'reason', fieldLabel: '说明（选填）', required: false, placeholder: '可留空' };
  }
}

export type TransitionCheck =
  | { ok: true; body: TransitionRequestBody }
  | { ok: false; field: 'reason' | 'resolutionNote' | 'form'; message: string };

/**
 * The dialog's input checked by the shared workflow (decideTransition, the very rules the server applies) and
 * the request body's own limits, before anything is sent.
 */
export function checkTransition(input: {
  status: RequestStatus;
  serviceCode: ServiceCode;
  action: RequestAction;
  text: string;
  /** 退回补正: the form fields or materials staff ticked. */
  supplementFields?: readonly string[];
}): TransitionCheck {
  const spec = actionDialog(input.action, input.serviceCode);
  const text = input.text.trim();
  const fields = spec.field === 'reason' ? { reason: text || undefined } : { resolutionNote: text || undefined };
  const decision = decideTransition({
    status: input.status,
    action: input.action,
    actor: 'staff',
    serviceCode: input.serviceCode,
    ...fields,
  });
  if (!decision.ok) {
    switch (decision.refusal) {
      case 'REASON_REQUIRED':
        return { ok: false, field: 'reason', message: `请填写${spec.fieldLabel}` };
      case 'RESOLUTION_REQUIRED':
        return { ok: false, field: 'resolutionNote', message: '请填写处理结果' };
      case 'FORBIDDEN':
        return { ok: false, field: 'form', message: '工作人员不能进行此操作' };
      case 'INVALID_TRANSITION':
        return { ok: false, field: 'form', message: `办件当前状态不能${spec.title}，请刷新后再试` };
    }
  }
  const named =
    input.action === 'request_supplement' && input.supplementFields?.length
      ? { supplementFields: [...input.supplementFields] }
      : {};
  const parsed = transitionRequestBodySchema.safeParse({ action: input.action, ...fields, ...named });
  if (!parsed.success) {
    return { ok: false, field: spec.field, message: parsed.error.issues[0]?.message ?? '内容有误' };
  }
  return { ok: true, body: parsed.data };
}

/** What staff may tick when asking for 补正: every field and material of the request's form, in form order. */
export function supplementChoices(serviceCode: ServiceCode): { value: string; label: string }[] {
  return formFields(serviceForms[serviceCode]).map((field) => ({ value: field.name, label: field.label }));
}

/** Whether the request shows the 优待证 issuing chain at all. */
export function hasCardStages(serviceCode: ServiceCode): boolean {
  return stagedServices.includes(serviceCode);
}
