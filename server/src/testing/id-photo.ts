import { readFileSync } from 'node:fs';

/** A 352×440 JPG of about 35 KB: an ID photo that meets the 优待证 rules, for tests that file 优待证. */
export const ID_PHOTO_JPEG = readFileSync(new URL('./fixtures/id-photo.jpg', import.meta.url));
