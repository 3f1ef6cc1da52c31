import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { createFieldCipher, type FieldCipher, keyRing } from '../lib/field-cipher';

declare module 'fastify' {
  interface FastifyInstance {
    cipher: FieldCipher;
  }
}

/** The field cipher of a configuration's data keys (also for the backfills that run before the app is built). */
export function fieldCipherOf(
  config: Pick<Config, 'DATA_ENCRYPTION_KEY' | 'DATA_ENCRYPTION_KEY_VERSION' | 'DATA_ENCRYPTION_PREVIOUS_KEYS'>,
): FieldCipher {
  const { DATA_ENCRYPTION_KEY, DATA_ENCRYPTION_KEY_VERSION, DATA_ENCRYPTION_PREVIOUS_KEYS } = config;
  return createFieldCipher(keyRing(DATA_ENCRYPTION_KEY, DATA_ENCRYPTION_KEY_VERSION, DATA_ENCRYPTION_PREVIOUS_KEYS));
}

async function fieldCipher(app: FastifyInstance) {
  app.decorate('cipher', fieldCipherOf(app.config));
}

export default fp(fieldCipher, { name: 'field-cipher', dependencies: ['config'] });
