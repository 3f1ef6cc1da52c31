/** Masks for personal data in every list and response (PIPL): enough to recognise, not enough to use. */

export function maskIdNumber(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

export function maskPhone(value: string): string {
  if (value.length < 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}****${value.slice(-4)}`;
}

/** 张三 → 张*, 欧阳娜娜 → 欧**娜 */
export function maskName(value: string): string {
  const characters = [...value];
  if (characters.length <= 1) return value;
  if (characters.length === 2) return `${characters[0]}*`;
  return `${characters[0]}${'*'.repeat(characters.length - 2)}${characters[characters.length - 1]}`;
}
