import type { Config } from '../../config';
import { keyRing } from '../../lib/field-cipher';
import { EncryptedStorage } from './encrypted-storage';
import { LocalDiskStorage } from './local-storage';
import { S3Storage } from './s3-storage';
import type { FileStorage } from './storage';

/**
 * The storage the configuration names — S3 when its variables are set (all or none), else UPLOAD_DIR — with every
 * file encrypted under the data keys of the configuration.
 */
export function createFileStorage(config: Config): EncryptedStorage {
  const keys = keyRing(
    config.DATA_ENCRYPTION_KEY,
    config.DATA_ENCRYPTION_KEY_VERSION,
    config.DATA_ENCRYPTION_PREVIOUS_KEYS,
  );
  return new EncryptedStorage(backendOf(config), keys);
}

/** The storage itself, without the encryption: what a backup copies (ciphertext at rest). */
export function backendOf(config: Config): FileStorage {
  if (config.S3_ENDPOINT && config.S3_BUCKET && config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY) {
    return new S3Storage({
      endpoint: config.S3_ENDPOINT,
      bucket: config.S3_BUCKET,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      region: config.S3_REGION ?? 'us-east-1',
    });
  }
  return new LocalDiskStorage(config.UPLOAD_DIR);
}
