import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createFieldCipher, type FieldCipher, keyRing } from '../lib/field-cipher';

declare module 'fastify' {
  interface FastifyInstance {
    cipher: FieldCipher;
  }
}

async function fieldCipher(app: FastifyInstance) {
  const { DATA_ENCRYPTION_KEY, DATA_ENCRYPTION_KEY_VERSION, DATA_ENCRYPTION_PREVIOUS_KEYS } = app.config;
  app.decorate(
    'cipher',
    createFieldCipher(keyRing(DATA_ENCRYPTION_KEY, DATA_ENCRYPTION_KEY_VERSION, DATA_ENCRYPTION_PREVIOUS_KEYS)),
  );
}

export default fp(fieldCipher, { name: 'field-cipher', dependencies: ['config'] });
