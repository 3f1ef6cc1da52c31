import type { z } from 'zod';
import { tooLongMessage } from './text-limit';

export type FieldErrors = Partial<Record<string, string>>;

export type Validation<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Checks form values with a shared schema (the very one the server applies) and returns the first message per
 * top-level field, to show under that field. Fields the form does not show get their message under `form`.
 */
export function validate<Schema extends z.ZodType>(schema: Schema, values: unknown): Validation<z.output<Schema>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : 'form';
    errors[field] ??= tooLongMessage(issue, valueAt(values, issue.path)) ?? issue.message;
  }
  return { ok: false, errors };
}

function valueAt(values: unknown, path: readonly PropertyKey[]): unknown {
  let value = values;
  for (const key of path) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The message for one field only (checking as the user leaves it), or undefined when it is fine. */
export function validateField<Schema extends z.ZodType>(schema: Schema, values: unknown, field: string) {
  const result = validate(schema, values);
  return result.ok ? undefined : result.errors[field];
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/** The errors without this field's message (the same object when it has none, so React keeps the state). */
export function withoutError(errors: FieldErrors, field: string): FieldErrors {
  return errors[field] ? { ...errors, [field]: undefined } : errors;
}
