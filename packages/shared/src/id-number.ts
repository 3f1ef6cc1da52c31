import { z } from 'zod';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

export interface IdNumberFacts {
  birthDate: string;
  gender: 'male' | 'female';
}

/** The GB 11643-1999 check character for the first 17 digits. */
export function idNumberCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(first17[index]), 0);
  return CHECK_CHARACTERS[sum % 11] as string;
}

/**
 * Reads an 18-character resident ID number (GB 11643): region, birth date, sequence, check character.
 * Returns null when the format, the birth date or the check character is wrong.
 */
export function parseIdNumber(raw: string, today: Date = new Date()): IdNumberFacts | null {
  const value = raw.trim().toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return null;
  if (idNumberCheckCharacter(value.slice(0, 17)) !== value[17]) return null;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const isRealDate = birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!isRealDate || year < 1900 || birth.getTime() > today.getTime()) return null;
  return {
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    gender: Number(value[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** A valid ID number, normalised to upper case. */
export const idNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  // Empty and wrong are different problems: an empty box asks for the number, a wrong one says what to check.
  .min(1, { error: '请输入身份证号码' })
  .refine((value) => value === '' || parseIdNumber(value) !== null, {
    error: '身份证号码不正确，请核对出生日期和校验位',
  });
