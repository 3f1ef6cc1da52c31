/**
 * Dates and times must never break inside (at 320 px in care mode a line would end in 12月8 and go on with 日,
 * or split 10:00-10:30 after 10:00-1). `noBreakParts` cuts a text into plain parts and parts that must stay on
 * one line; `NoBreakText` renders the latter as white-space: nowrap spans.
 */
const UNBREAKABLE =
  /(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:（周[一二三四五六日]）)?(?:前)?|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}(?:\s*[-–~至]\s*\d{1,2}:\d{2})?/g;

export interface TextPart {
  text: string;
  noBreak: boolean;
}

export function noBreakParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(UNBREAKABLE)) {
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: text.slice(last, start), noBreak: false });
    parts.push({ text: match[0], noBreak: true });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), noBreak: false });
  return parts;
}
