import {
  draftSchema,
  type FormField,
  type FormPage,
  formatChineseDate,
  formFields,
  missingMessage,
  pageSchema,
  type ServiceForm,
  submissionSchema,
} from '@veterans/shared';
import type { z } from 'zod';
import { tooLongMessage } from '../../forms/text-limit';
import type { FieldErrors } from '../../forms/validation';

/**
 * The generic application form (VA.gov forms-system style): one renderer for every service, driven by the
 * service's description in `serviceForms`. Everything here is plain data in, plain data out; the rules are the
 * shared zod schemas (`pageSchema`, `submissionSchema`, `draftSchema`), never written again here.
 *
 * What the user typed is kept as text (`FormValues`): numbers stay strings until they are checked, so that a
 * half-typed `12.` is not lost. Attachment fields hold the ids `POST /uploads` returned.
 */
export type FieldValue = string | string[];
export type FormValues = Record<string, FieldValue>;
export type FormAnswers = Record<string, unknown>;

const NUMBER_PATTERN = /^-?\d+(\.\d+)?$/;

export function emptyValue(field: FormField): FieldValue {
  return field.kind === 'attachments' ? [] : '';
}

export function emptyValues(form: ServiceForm): FormValues {
  const values: FormValues = {};
  for (const field of formFields(form)) values[field.name] = emptyValue(field);
  return values;
}

/** The form as saved on the server (a draft, or a request sent back for a supplement), ready to edit again. */
export function valuesFromAnswers(form: ServiceForm, answers: FormAnswers | null | undefined): FormValues {
  const values = emptyValues(form);
  for (const field of formFields(form)) {
    const saved = answers?.[field.name];
    if (saved === undefined || saved === null) continue;
    if (field.kind === 'attachments') {
      values[field.name] = Array.isArray(saved) ? saved.filter((id): id is string => typeof id === 'string') : [];
    } else if (typeof saved === 'string' || typeof saved === 'number') {
      values[field.name] = String(saved);
    }
  }
  return values;
}

function isNumeric(field: FormField): boolean {
  return field.kind === 'integer' || field.kind === 'money';
}

function text(value: FieldValue | undefined): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * One typed value as the API takes it: numbers as numbers, empty choices left out. `undefined` means "no
 * answer". A required text field left empty stays `''`, so that the shared schema says 请填写….
 */
export function answerOf(field: FormField, value: FieldValue | undefined): unknown {
  if (field.kind === 'attachments') return Array.isArray(value) && value.length > 0 ? [...value] : undefined;
  const raw = text(value);
  if (isNumeric(field)) {
    if (raw === '') return undefined;
    return NUMBER_PATTERN.test(raw) ? Number(raw) : raw;
  }
  if (field.kind === 'text' || field.kind === 'textarea') return raw === '' && !field.required ? undefined : raw;
  return raw === '' ? undefined : raw;
}

/** The answers of `fields` (one page, or the whole form). */
export function answersOf(fields: readonly FormField[], values: FormValues): FormAnswers {
  const answers: FormAnswers = {};
  for (const field of fields) {
    const answer = answerOf(field, values[field.name]);
    if (answer !== undefined) answers[field.name] = answer;
  }
  return answers;
}

export const NOT_A_NUMBER_MESSAGE = '请输入数字';

function errorsFrom(
  fields: readonly FormField[],
  schema: z.ZodType,
  values: FormValues,
): { ok: true; answers: FormAnswers } | { ok: false; errors: FieldErrors } {
  const answers = answersOf(fields, values);
  const errors: FieldErrors = {};
  // Text in a number field: say so plainly rather than quoting zod's type names.
  for (const field of fields) {
    if (isNumeric(field) && typeof answers[field.name] === 'string') errors[field.name] = NOT_A_NUMBER_MESSAGE;
  }
  const result = schema.safeParse(answers);
  if (!result.success) {
    const byName = new Map(fields.map((field) => [field.name, field]));
    for (const issue of result.error.issues) {
      const name = typeof issue.path[0] === 'string' ? issue.path[0] : 'form';
      const field = byName.get(name);
      const message =
        field && issue.path.length === 1 && answers[name] === undefined
          ? missingMessage(field)
          : (tooLongMessage(issue, answers[name]) ?? issue.message);
      errors[name] ??= message;
    }
  }
  return Object.keys(errors).length === 0 ? { ok: true, answers } : { ok: false, errors };
}

/** Checks one page before moving on (the shared `pageSchema`). */
export function validatePage(page: FormPage, values: FormValues): FieldErrors {
  const result = errorsFrom(page.fields, pageSchema(page), values);
  return result.ok ? {} : result.errors;
}

export type SubmissionCheck =
  | { ok: true; answers: FormAnswers }
  | { ok: false; errors: FieldErrors; firstInvalidPage: number };

/** Checks the whole application (the shared `submissionSchema`); says which page to open on a problem. */
export function validateSubmission(form: ServiceForm, values: FormValues): SubmissionCheck {
  const result = errorsFrom(formFields(form), submissionSchema(form), values);
  if (result.ok) return result;
  const firstInvalidPage = Math.max(
    0,
    form.pages.findIndex((page) => page.fields.some((field) => result.errors[field.name])),
  );
  return { ok: false, errors: result.errors, firstInvalidPage };
}

/**
 * What to save as a draft: every answer that is well-formed on its own (the shared `draftSchema`); an answer
 * that is not yet (a number with letters in it, text over the limit) is left out rather than failing the save.
 */
export function draftAnswers(form: ServiceForm, values: FormValues): FormAnswers {
  const answers = answersOf(formFields(form), values);
  for (const [name, value] of Object.entries(answers)) {
    if (value === '' || (typeof value === 'string' && isNumeric(fieldOf(form, name)))) delete answers[name];
  }
  const schema = draftSchema(form);
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = schema.safeParse(answers);
    if (result.success) return answers;
    for (const issue of result.error.issues) {
      const name = issue.path[0];
      if (typeof name === 'string') delete answers[name];
    }
  }
  return schema.safeParse(answers).success ? answers : {};
}

function fieldOf(form: ServiceForm, name: string): FormField {
  const field = formFields(form).find((candidate) => candidate.name === name);
  if (!field) throw new Error(`Unknown field ${name}`);
  return field;
}

/** Map of field name → message, for the fields the server named in a VALIDATION_FAILED answer. */
export function serverFieldErrors(form: ServiceForm, details: { path: string; message: string }[]): FieldErrors {
  const names = new Set(formFields(form).map((field) => field.name));
  const errors: FieldErrors = {};
  for (const { path, message } of details) {
    const name = path.replace(/^body\.formData\.?/, '').split('.')[0] ?? '';
    errors[names.has(name) ? name : 'form'] ??= message;
  }
  return errors;
}

/** The first page showing one of `errors`, or -1. */
export function firstPageWithError(form: ServiceForm, errors: FieldErrors): number {
  return form.pages.findIndex((page) => page.fields.some((field) => errors[field.name]));
}

// ---------------------------------------------------------------------------------------------------------------
// Steps: the form's pages, then 核对信息.

export interface FormProgress {
  /** 0 … pages - 1: a page of the form; pages: the review. */
  step: number;
  /** Opened from the review's 修改: the next tap goes back to the review. */
  returnToReview: boolean;
}

export const START: FormProgress = { step: 0, returnToReview: false };

export function stepCount(form: ServiceForm): number {
  return form.pages.length + 1;
}

export function isReview(form: ServiceForm, progress: FormProgress): boolean {
  return progress.step >= form.pages.length;
}

/** 第 1/3 步 */
export function stepLabel(form: ServiceForm, progress: FormProgress): string {
  return `第 ${Math.min(progress.step, form.pages.length) + 1}/${stepCount(form)} 步`;
}

export function stepTitle(form: ServiceForm, progress: FormProgress): string {
  return isReview(form, progress) ? '核对信息' : (form.pages[progress.step]?.title ?? '');
}

export function nextStep(form: ServiceForm, progress: FormProgress): FormProgress {
  if (progress.returnToReview) return { step: form.pages.length, returnToReview: false };
  return { step: Math.min(progress.step + 1, form.pages.length), returnToReview: false };
}

export function previousStep(progress: FormProgress): FormProgress {
  return { step: Math.max(progress.step - 1, 0), returnToReview: false };
}

/** Coming back to a saved draft: the first page not yet complete, or the review when all are. */
export function resumeProgress(form: ServiceForm, values: FormValues): FormProgress {
  const index = form.pages.findIndex((page) => Object.keys(validatePage(page, values)).length > 0);
  return { step: index === -1 ? form.pages.length : index, returnToReview: false };
}

/** 修改 on the review: that page, then straight back to the review. */
export function editPage(form: ServiceForm, pageIndex: number): FormProgress {
  return { step: Math.max(0, Math.min(pageIndex, form.pages.length - 1)), returnToReview: true };
}

// ---------------------------------------------------------------------------------------------------------------
// The review 核对信息

export interface ReviewItem {
  name: string;
  label: string;
  text: string;
  empty: boolean;
}

export interface ReviewSection {
  pageIndex: number;
  title: string;
  items: ReviewItem[];
}

/** `1234567.5` → `1,234,567.50` */
export function formatMoney(raw: string): string {
  const value = Number(raw);
  if (!NUMBER_PATTERN.test(raw) || !Number.isFinite(value)) return raw;
  const [whole = '0', cents = '00'] = Math.abs(value).toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}.${cents}`;
}

/** How one answer reads on the review; `fileNames` names the uploaded files by id. */
export function displayValue(
  field: FormField,
  value: FieldValue | undefined,
  fileNames: Record<string, string>,
): string {
  if (field.kind === 'attachments') {
    const ids = Array.isArray(value) ? value : [];
    if (ids.length === 0) return '未上传';
    return ids.map((id) => fileNames[id] ?? '已上传的文件').join('、');
  }
  const raw = text(value);
  if (raw === '') return '未填写';
  switch (field.kind) {
    case 'select':
      return field.options?.find((option) => option.value === raw)?.label ?? raw;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(raw) ? formatChineseDate(raw) : raw;
    case 'money':
      return formatMoney(raw);
    default:
      return raw;
  }
}

export function reviewSummary(
  form: ServiceForm,
  values: FormValues,
  fileNames: Record<string, string> = {},
): ReviewSection[] {
  return form.pages.map((page, pageIndex) => ({
    pageIndex,
    title: page.title,
    items: page.fields.map((field) => {
      const value = values[field.name];
      const empty = field.kind === 'attachments' ? !Array.isArray(value) || value.length === 0 : text(value) === '';
      return { name: field.name, label: field.label, text: displayValue(field, value, fileNames), empty };
    }),
  }));
}

/**
 * Where 补正后重新提交 opens: the page of the first field the supplement concerns — the fields staff named when
 * they asked for it, or else the fields (and materials) whose names the reason mentions — or page 1 when it
 * names none.
 */
export function supplementProgress(
  form: ServiceForm,
  reason: string | null | undefined,
  named: readonly string[] = [],
): FormProgress {
  const text = reason ?? '';
  const concerns = (field: FormField) =>
    named.includes(field.name) || (text !== '' && labelsOf(field).some((label) => text.includes(label)));
  const index = form.pages.findIndex((page) => page.fields.some(concerns));
  return { step: Math.max(0, index), returnToReview: false };
}

/** A field's name as people write it: its label, without a unit in brackets (家庭月收入（元） → 家庭月收入). */
function labelsOf(field: FormField): string[] {
  const bare = field.label.replace(/（[^）]*）$/, '').trim();
  return bare.length >= 2 ? [bare] : [];
}

/** The latest 补正 request: the reason staff gave and the fields or materials they named (timeline entry into 待补正). */
export function latestSupplement(detail: {
  timeline: readonly { at: string; toStatus: string | null; comment: string | null; fields: readonly string[] }[];
}): { reason: string | null; fields: readonly string[] } {
  const latest = [...detail.timeline]
    .filter((event) => event.toStatus === 'needs_supplement')
    .sort((a, b) => b.at.localeCompare(a.at))[0];
  return { reason: latest?.comment ?? null, fields: latest?.fields ?? [] };
}

/** The labels of the named fields, in form order (unknown names — a changed form — left out). */
export function supplementFieldLabels(form: ServiceForm, named: readonly string[]): string[] {
  return form.pages
    .flatMap((page) => page.fields)
    .filter((field) => named.includes(field.name))
    .map((field) => field.label);
}
