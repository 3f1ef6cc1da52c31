import { z } from 'zod';
import { phoneSchema } from './auth';
import { CARD_BANK_NAME_MAX } from './card-banks';
import { ID_PHOTO_GUIDANCE } from './id-photo';
import type { ServiceCode } from './services';

/**
 * Each service's application form, described once as data. The same description renders the app's
 * multi-page form and builds the zod schema both the app and the server validate with.
 */
/**
 * `bank`: one of the 优待证 partner banks, which the admin keeps (GET /card-banks); the value is the bank's name,
 * checked against the list on submit.
 */
export type FormFieldKind =
  | 'text'
  | 'textarea'
  | 'date'
  | 'select'
  | 'integer'
  | 'money'
  | 'phone'
  | 'bank'
  | 'attachments';

export interface FormOption {
  value: string;
  label: string;
}

export interface FormField {
  name: string;
  label: string;
  kind: FormFieldKind;
  required: boolean;
  help?: string;
  options?: readonly FormOption[];
  min?: number;
  max?: number;
  maxLength?: number;
  /** For attachments: how many files at most, and which kinds. */
  maxFiles?: number;
  accept?: readonly ('image' | 'pdf')[];
  /** Health, income and similar data: encrypted at rest and shown to staff only through the audited path. */
  sensitive?: boolean;
  /** For attachments: each file must meet the 优待证 photo rules (ID_PHOTO_SPEC), checked in the app and on submit. */
  photo?: 'id-photo';
}

export interface FormPage {
  title: string;
  fields: readonly FormField[];
}

export interface ServiceForm {
  pages: readonly FormPage[];
}

const options = (...labels: string[]): FormOption[] => labels.map((label) => ({ value: label, label }));
const attachments = (name: string, label: string, required: boolean, extra: Partial<FormField> = {}): FormField => ({
  name,
  label,
  kind: 'attachments',
  required,
  maxFiles: 5,
  accept: ['image', 'pdf'],
  ...extra,
});

const branchOptions = options('陆军', '海军', '空军', '火箭军', '战略支援部队', '武警部队', '其他');

export const serviceForms: Record<ServiceCode, ServiceForm> = {
  'preferential-card': {
    pages: [
      {
        title: '服役信息',
        fields: [
          { name: 'enlistmentDate', label: '入伍日期', kind: 'date', required: true },
          { name: 'dischargeDate', label: '退役日期', kind: 'date', required: true },
          { name: 'branch', label: '服役军种', kind: 'select', required: true, options: branchOptions },
          {
            name: 'dischargeType',
            label: '退役方式',
            kind: 'select',
            required: true,
            options: options('退伍', '转业', '复员', '退休', '其他'),
          },
        ],
      },
      {
        title: '联系地址与发卡银行',
        fields: [
          { name: 'address', label: '现居住地址', kind: 'text', required: true, maxLength: 200 },
          {
            name: 'bank',
            label: '发卡银行',
            kind: 'bank',
            required: true,
            help: '优待证是一张银行借记卡，由您选择的合作银行制卡',
          },
        ],
      },
      {
        title: '上传材料',
        fields: [
          attachments('idPhoto', '近期免冠证件照（白底）', true, {
            maxFiles: 1,
            accept: ['image'],
            photo: 'id-photo',
            help: ID_PHOTO_GUIDANCE,
          }),
          attachments('dischargeCertificate', '退伍证（或退出现役证明）', true),
        ],
      },
    ],
  },
  'insurance-transfer': {
    pages: [
      {
        title: '参保信息',
        fields: [
          { name: 'preEnlistmentInsuredPlace', label: '入伍前参保地', kind: 'text', required: false, maxLength: 100 },
          { name: 'dischargeDate', label: '退役日期', kind: 'date', required: true },
          {
            name: 'insuranceKinds',
            label: '需接续的保险',
            kind: 'select',
            required: true,
            options: options('养老保险和医疗保险', '养老保险', '医疗保险'),
          },
          {
            name: 'employment',
            label: '目前就业情况',
            kind: 'select',
            required: true,
            options: options('已就业', '灵活就业', '未就业'),
          },
          { name: 'employer', label: '工作单位', kind: 'text', required: false, maxLength: 100 },
        ],
      },
      {
        title: '上传材料',
        fields: [
          attachments('transferForm', '保险关系转移接续信息表', true),
          attachments('otherProof', '其他证明', false),
        ],
      },
    ],
  },
  resettlement: {
    pages: [
      {
        title: '报到信息',
        fields: [
          { name: 'dischargeDate', label: '退役日期', kind: 'date', required: true },
          { name: 'arrivalDate', label: '到达安置地日期', kind: 'date', required: true },
          {
            name: 'placementType',
            label: '安置方式',
            kind: 'select',
            required: true,
            options: options('安排工作', '自主就业', '退休', '供养'),
          },
          {
            name: 'education',
            label: '文化程度',
            kind: 'select',
            required: true,
            options: options('初中及以下', '高中/中专', '大专', '本科', '研究生'),
          },
        ],
      },
      {
        title: '上传材料',
        fields: [
          attachments('dischargeDocuments', '退役证件与行政介绍信', true),
          attachments('otherProof', '其他材料', false),
        ],
      },
    ],
  },
  'hardship-aid': {
    pages: [
      {
        title: '困难情况',
        fields: [
          {
            name: 'hardshipKind',
            label: '困难类型',
            kind: 'select',
            required: true,
            options: options('重病', '低收入', '意外', '其他'),
          },
          { name: 'householdSize', label: '家庭人口（人）', kind: 'integer', required: true, min: 1, max: 20 },
          {
            name: 'monthlyIncome',
            label: '家庭月收入（元）',
            kind: 'money',
            required: true,
            min: 0,
            max: 1_000_000,
            sensitive: true,
          },
          {
            name: 'medicalCosts',
            label: '近一年医疗费用（元）',
            kind: 'money',
            required: false,
            min: 0,
            max: 10_000_000,
            sensitive: true,
          },
          {
            name: 'description',
            label: '困难情况说明',
            kind: 'textarea',
            required: true,
            maxLength: 2000,
            sensitive: true,
            help: '请说明家庭困难的原因和需要的帮助',
          },
          {
            name: 'contactPhone',
            label: '联系电话',
            kind: 'phone',
            required: false,
            sensitive: true,
            help: '工作人员核实情况、约上门走访时拨打',
          },
          {
            name: 'homeAddress',
            label: '家庭住址',
            kind: 'text',
            required: false,
            maxLength: 200,
            sensitive: true,
            help: '上门走访的地址，写到门牌号',
          },
        ],
      },
      {
        title: '上传材料',
        fields: [
          attachments('diagnosis', '诊断证明', false, { sensitive: true }),
          attachments('bills', '医疗费用票据', false, { sensitive: true }),
          attachments('incomeProof', '家庭收入情况说明', true, { sensitive: true }),
        ],
      },
    ],
  },
  appeal: {
    pages: [
      {
        title: '诉求内容',
        fields: [
          {
            name: 'category',
            label: '诉求类别',
            kind: 'select',
            required: true,
            options: options('安置待遇', '优抚优待', '社会保险', '就业创业', '矛盾纠纷', '其他'),
          },
          { name: 'description', label: '具体诉求', kind: 'textarea', required: true, maxLength: 2000 },
          attachments('evidence', '相关证明材料', false),
        ],
      },
    ],
  },
  'policy-question': {
    pages: [
      {
        title: '咨询内容',
        fields: [
          {
            name: 'topic',
            label: '咨询方向',
            kind: 'select',
            required: true,
            options: options('优待抚恤', '安置就业', '社会保险', '教育培训', '其他'),
          },
          { name: 'question', label: '您的问题', kind: 'textarea', required: true, maxLength: 1000 },
        ],
      },
    ],
  },
};

/** Attachments are referenced by the ids `POST /uploads` returned. */
export const uploadIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: '附件标识无效' });

function fieldSchema(field: FormField): z.ZodType {
  switch (field.kind) {
    case 'text':
    case 'textarea': {
      const text = z
        .string()
        .trim()
        .max(field.maxLength ?? 500, { error: `最多 ${field.maxLength ?? 500} 字` });
      return field.required ? text.min(1, { error: `请填写${field.label}` }) : text;
    }
    case 'phone':
      return field.required ? phoneSchema : z.union([phoneSchema, z.literal('')]);
    case 'date':
      return z.iso.date({ error: `请选择${field.label}` });
    case 'bank':
      return z
        .string({ error: `请选择${field.label}` })
        .trim()
        .min(1, { error: `请选择${field.label}` })
        .max(CARD_BANK_NAME_MAX, { error: `请选择${field.label}` });
    case 'select':
      return z.enum((field.options ?? []).map((option) => option.value) as [string, ...string[]], {
        error: `请选择${field.label}`,
      });
    case 'integer':
    case 'money': {
      const base = field.kind === 'integer' ? z.number().int({ error: '请输入整数' }) : z.number().multipleOf(0.01);
      return base
        .min(field.min ?? 0, { error: `不能小于 ${field.min ?? 0}` })
        .max(field.max ?? Number.MAX_SAFE_INTEGER, { error: `不能大于 ${field.max}` });
    }
    case 'attachments': {
      const files = z
        .array(uploadIdSchema)
        .max(field.maxFiles ?? 5, { error: `最多上传 ${field.maxFiles ?? 5} 个文件` });
      return field.required ? files.min(1, { error: `请上传${field.label}` }) : files;
    }
  }
}

/** What the app and the server say of a required answer left out. */
export function missingMessage(field: FormField): string {
  if (field.kind === 'attachments') return `请上传${field.label}`;
  if (field.kind === 'select' || field.kind === 'date' || field.kind === 'bank') return `请选择${field.label}`;
  return `请填写${field.label}`;
}

export function formFields(form: ServiceForm): FormField[] {
  return form.pages.flatMap((page) => page.fields);
}

/**
 * What is wrong with the fields staff name when asking for 补正: names that are not fields of the request's form
 * (an old or another service's form), or naming fields with another action. Null when they are fine.
 */
export function supplementFieldsProblem(
  form: ServiceForm,
  action: string,
  named: readonly string[] | undefined,
): string | null {
  if (!named || named.length === 0) return null;
  if (action !== 'request_supplement') return '只有退回补正时可以指明需补正的内容';
  const known = new Set(formFields(form).map((field) => field.name));
  const unknown = named.filter((name) => !known.has(name));
  return unknown.length > 0 ? `需补正的内容不属于本事项的表单：${unknown.join('、')}` : null;
}

/** The complete, strict schema a submitted application must satisfy. */
export function submissionSchema(form: ServiceForm) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of formFields(form))
    shape[field.name] = field.required ? fieldSchema(field) : fieldSchema(field).optional();
  return z.strictObject(shape);
}

/** A draft may be incomplete, but what is there must still be well-formed. */
export function draftSchema(form: ServiceForm) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of formFields(form)) shape[field.name] = fieldSchema(field).optional();
  return z.strictObject(shape);
}

/** The fields of one page only, for validating a step of the multi-page form before moving on. */
export function pageSchema(page: FormPage) {
  return submissionSchema({ pages: [page] });
}

export type FormData = Record<string, unknown>;
