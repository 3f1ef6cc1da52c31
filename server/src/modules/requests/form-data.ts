import {
  type CardBank,
  cardBankProblem,
  draftSchema,
  type FieldIssue,
  findService,
  formFields,
  idPhotoProblem,
  missingMessage,
  type ServiceCode,
  serviceForms,
  submissionSchema,
  type UploadResult,
} from '@veterans/shared';
import type { z } from 'zod';
import { serviceRequests } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import type { FieldCipher } from '../../lib/field-cipher';

/** Form answers of one request, as the applicant entered them. */
export type FormAnswers = Record<string, unknown>;

/** Names of the fields of a service that hold sensitive personal information (income, health …). */
export function sensitiveFieldNames(serviceCode: ServiceCode): string[] {
  return formFields(serviceForms[serviceCode])
    .filter((field) => field.sensitive)
    .map((field) => field.name);
}

/** Services with any sensitive field keep the whole form encrypted. */
export function storesEncrypted(serviceCode: ServiceCode): boolean {
  return sensitiveFieldNames(serviceCode).length > 0;
}

function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** The sensitive fields that hold an answer: saving them needs the applicant's separate consent. */
export function answeredSensitiveFields(serviceCode: ServiceCode, answers: FormAnswers): string[] {
  return sensitiveFieldNames(serviceCode).filter((name) => isAnswered(answers[name]));
}

/** zod issues as the API's field details: `body.formData.monthlyIncome`, with the Chinese message. */
export function formIssues(serviceCode: ServiceCode, error: z.ZodError, answers: FormAnswers): FieldIssue[] {
  const fields = new Map(formFields(serviceForms[serviceCode]).map((field) => [field.name, field]));
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return { path: 'body.formData', message: `不认识的字段：${issue.keys.join('、')}` };
    }
    const field = fields.get(String(issue.path[0]));
    // A required answer left out: say which, not zod's "expected string, received undefined".
    if (field && issue.path.length === 1 && answers[field.name] === undefined) {
      return { path: `body.formData.${field.name}`, message: missingMessage(field) };
    }
    return { path: path ? `body.formData.${path}` : 'body.formData', message: issue.message };
  });
}

export type FormCheck = { ok: true; data: FormAnswers } | { ok: false; issues: FieldIssue[] };

/** A draft: incomplete is fine, but what is there must be well-formed, and unknown fields are refused. */
export function checkDraft(serviceCode: ServiceCode, answers: FormAnswers): FormCheck {
  const result = draftSchema(serviceForms[serviceCode]).safeParse(answers);
  return result.success
    ? { ok: true, data: result.data as FormAnswers }
    : { ok: false, issues: formIssues(serviceCode, result.error, answers) };
}

/** A submission: complete and strictly valid. */
export function checkSubmission(serviceCode: ServiceCode, answers: FormAnswers): FormCheck {
  const result = submissionSchema(serviceForms[serviceCode]).safeParse(answers);
  return result.success
    ? { ok: true, data: result.data as FormAnswers }
    : { ok: false, issues: formIssues(serviceCode, result.error, answers) };
}

/**
 * A PATCH of a draft: the given fields replace the saved ones and `null` clears a field; with `replace` the
 * given answers are all there is.
 */
export function mergeAnswers(saved: FormAnswers, patch: FormAnswers, replace = false): FormAnswers {
  const merged: FormAnswers = replace ? {} : { ...saved };
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}

export interface StoredForm {
  formData: FormAnswers | null;
  formCipher: string | null;
}

/**
 * Forms with sensitive fields are stored whole as encrypted JSON (`form_cipher`, sealed to the request's row);
 * the others as JSON.
 */
export function toStoredForm(
  serviceCode: ServiceCode,
  answers: FormAnswers,
  cipher: Pick<FieldCipher, 'encrypt'>,
  requestId: number,
): StoredForm {
  if (!storesEncrypted(serviceCode)) return { formData: answers, formCipher: null };
  return {
    formData: null,
    formCipher: cipher.encrypt(JSON.stringify(answers), sealedIn(serviceRequests.formCipher, requestId)),
  };
}

export function fromStoredForm(stored: StoredForm & { id: number }, cipher: Pick<FieldCipher, 'decrypt'>): FormAnswers {
  if (stored.formCipher) {
    return JSON.parse(
      cipher.decrypt(stored.formCipher, sealedIn(serviceRequests.formCipher, stored.id)),
    ) as FormAnswers;
  }
  return stored.formData ?? {};
}

/** What staff see without the audited reveal: every answer except the sensitive ones, and which were held back. */
export function withoutSensitive(
  serviceCode: ServiceCode,
  answers: FormAnswers,
): { formData: FormAnswers; hidden: string[] } {
  const sensitive = new Set(sensitiveFieldNames(serviceCode));
  const formData: FormAnswers = {};
  const hidden: string[] = [];
  for (const [name, value] of Object.entries(answers)) {
    if (sensitive.has(name)) {
      if (isAnswered(value)) hidden.push(name);
    } else formData[name] = value;
  }
  return { formData, hidden };
}

export function serviceNameOf(serviceCode: ServiceCode): string {
  return findService(serviceCode)?.name ?? serviceCode;
}

export function promisedDaysOf(serviceCode: ServiceCode): number {
  const service = findService(serviceCode);
  if (!service) throw new Error(`Unknown service ${serviceCode}`);
  return service.promisedWorkingDays;
}

/**
 * Files that break the photo rules of their field (the 优待证 ID photo), one issue per field, given the files
 * the form names as stored (with their pixel sizes).
 */
export function photoIssues(
  serviceCode: ServiceCode,
  answers: FormAnswers,
  files: readonly Pick<UploadResult, 'id' | 'mimeType' | 'size' | 'width' | 'height'>[],
): FieldIssue[] {
  const byId = new Map(files.map((file) => [file.id, file]));
  return formFields(serviceForms[serviceCode])
    .filter((field) => field.photo === 'id-photo')
    .flatMap((field) => {
      const value = answers[field.name];
      const ids = Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
      const problem = ids
        .map((id) => byId.get(id))
        .map((file) => file && idPhotoProblem(file))
        .find((found) => found);
      return problem ? [{ path: `body.formData.${field.name}`, message: `${problem}，请重新上传` }] : [];
    });
}

/** Bank answers that do not name an active partner bank (taken off the list since the draft was saved, or never on it). */
export function bankIssues(
  serviceCode: ServiceCode,
  answers: FormAnswers,
  banks: readonly Pick<CardBank, 'name' | 'active'>[],
): FieldIssue[] {
  return formFields(serviceForms[serviceCode])
    .filter((field) => field.kind === 'bank' && typeof answers[field.name] === 'string')
    .flatMap((field) => {
      const problem = cardBankProblem(String(answers[field.name]), banks);
      return problem ? [{ path: `body.formData.${field.name}`, message: problem }] : [];
    });
}

/** Whether the service's form asks for a partner bank (only then are the banks read). */
export function asksForBank(serviceCode: ServiceCode): boolean {
  return formFields(serviceForms[serviceCode]).some((field) => field.kind === 'bank');
}

/** Upload ids named by the attachment fields of the answers. */
export function attachmentIds(serviceCode: ServiceCode, answers: FormAnswers): string[] {
  const ids = formFields(serviceForms[serviceCode])
    .filter((field) => field.kind === 'attachments')
    .flatMap((field) => {
      const value = answers[field.name];
      return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
    });
  return [...new Set(ids)];
}
