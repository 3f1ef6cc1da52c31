import {
  type FormField,
  formatChineseDate,
  formatFileSize,
  formFields,
  type ServiceCode,
  serviceForms,
  type UploadResult,
} from '@veterans/shared';

/** One answer of the form as the detail page shows it. */
export type AnswerRow =
  | { name: string; label: string; sensitive: boolean; kind: 'text'; text: string }
  | { name: string; label: string; sensitive: boolean; kind: 'files'; files: UploadResult[] }
  | { name: string; label: string; sensitive: true; kind: 'hidden' };

const NOT_ANSWERED = '未填写';

function moneyText(value: number): string {
  const [whole = '0', cents] = value.toFixed(2).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents} 元`;
}

function valueText(field: FormField, value: unknown): string {
  if (value === undefined || value === null || value === '') return NOT_ANSWERED;
  switch (field.kind) {
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatChineseDate(value) : String(value);
    case 'money':
      return typeof value === 'number' ? moneyText(value) : String(value);
    case 'select':
      return field.options?.find((option) => option.value === value)?.label ?? String(value);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/**
 * Every field of the service's form, in the form's order, with its answer: a text, the files it names (to open
 * through the authorised download), or `hidden` for a sensitive answer the server left out until revealed.
 */
export function answerRows(
  serviceCode: ServiceCode,
  formData: Record<string, unknown>,
  hiddenSensitiveFields: readonly string[],
  attachments: readonly UploadResult[],
): AnswerRow[] {
  const byId = new Map(attachments.map((file) => [file.id, file]));
  return formFields(serviceForms[serviceCode]).map((field): AnswerRow => {
    const sensitive = field.sensitive === true;
    if (hiddenSensitiveFields.includes(field.name)) {
      return { name: field.name, label: field.label, sensitive: true, kind: 'hidden' };
    }
    const value = formData[field.name];
    if (field.kind === 'attachments') {
      const ids = Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
      // The server lists the files the shown answers name; anything else is not to be opened from here.
      const files = ids.map((id) => byId.get(id)).filter((file): file is UploadResult => file !== undefined);
      return { name: field.name, label: field.label, sensitive, kind: 'files', files };
    }
    return { name: field.name, label: field.label, sensitive, kind: 'text', text: valueText(field, value) };
  });
}

/** `12345` → `12.1 KB`, `360` → `360 字节` (the shared formatFileSize). */
export function fileSizeText(bytes: number): string {
  return formatFileSize(bytes);
}
