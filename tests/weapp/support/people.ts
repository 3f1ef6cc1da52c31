import { randomInt } from 'node:crypto';
import { idNumberCheckCharacter } from '@veterans/shared';

/** A valid ID number (GB 11643 check character) from Xuchang's Weidu district, born 1975–1994. */
export function randomIdNumber(): string {
  const year = 1975 + randomInt(0, 20);
  const month = String(1 + randomInt(0, 12)).padStart(2, '0');
  const day = String(1 + randomInt(0, 28)).padStart(2, '0');
  const first17 = `411002${year}${month}${day}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return `${first17}${idNumberCheckCharacter(first17)}`;
}

/** A valid 1×1 PNG (the server checks the content, not the name). */
export function tinyPng(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
}
