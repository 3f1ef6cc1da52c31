/**
 * The one rule for long text (请在此填写 boxes, reasons, replies, comments): what is typed or pasted is never
 * cut. The box accepts far more than the limit, the count turns into 已超出 N 字 at once, and the form's check
 * (the shared schema's `.max`) keeps it from being sent until it is shortened.
 *
 * Lengths are counted as the shared schemas count them (string length), so the page and the server agree.
 */

export function textLength(value: string): number {
  return value.length;
}

/** How many characters over `max` the text is (0 when it fits). */
export function charactersOver(value: string, max: number): number {
  return Math.max(0, textLength(value) - max);
}

export function overLimitMessage(over: number): string {
  return `已超出 ${over} 字，请删减后再提交`;
}

/** The message for text over its limit, or undefined when it fits. */
export function textLimitError(value: string, max: number): string | undefined {
  const over = charactersOver(value, max);
  return over > 0 ? overLimitMessage(over) : undefined;
}

/** The native box's own `maxlength`: far above the limit, so a paste is kept whole for the person to shorten. */
export function inputCap(max: number): number {
  return Math.max(max * 10, 1000);
}

/** The count under a box: 123/2000. */
export function countText(value: string, max: number): string {
  return `${textLength(value)}/${max}`;
}

interface TooBigIssue {
  code: string;
  origin?: string;
  maximum?: number | bigint;
}

/**
 * A zod issue for text over its `.max`, in the words of this rule; undefined for any other issue. `value` is
 * what the field holds.
 */
export function tooLongMessage(issue: TooBigIssue, value: unknown): string | undefined {
  if (issue.code !== 'too_big' || issue.origin !== 'string' || typeof value !== 'string') return undefined;
  return textLimitError(value, Number(issue.maximum));
}
