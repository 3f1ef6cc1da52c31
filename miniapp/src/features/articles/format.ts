import { beijingDate } from '../care-mode/age';

/** A publish time as its Beijing date, `2026-03-01`; '' when not published. */
export function articleDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : beijingDate(date);
}
