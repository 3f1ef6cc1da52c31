import { createCipheriv, randomBytes } from 'node:crypto';

/**
 * A field ciphertext as versions before the row binding wrote it (`v<keyVersion>.…`, no associated data), for
 * tests of the data those versions left behind.
 */
export function unboundCiphertext(keyBase64: string, keyVersion: number, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(keyBase64, 'base64'), iv, { authTagLength: 16 });
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v${keyVersion}.${[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join('.')}`;
}
