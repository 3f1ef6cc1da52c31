import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../demo/seed';
import { ID_PHOTO_JPEG } from '../../testing/id-photo';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { SMALL_PNG, uploadFile } from '../uploads/test-support';
import { call, completeForm, type TestCitizen, verifiedCitizen } from './test-support';

let testApp: TestApp;
let citizen: TestCitizen;

beforeAll(async () => {
  testApp = await createTestApp();
  await seedDemoData(testApp.app.db);
  citizen = await verifiedCitizen(testApp.app);
});

afterAll(async () => {
  await testApp?.close();
});

/** The fixture with its frame header saying another width: the server reads the size from the header. */
function withWidth(width: number): Buffer {
  const copy = Buffer.from(ID_PHOTO_JPEG);
  const frame = copy.indexOf(Buffer.from([0xff, 0xc0]));
  copy.writeUInt16BE(width, frame + 7);
  return copy;
}

async function submitCardWith(photo: Buffer, fileName: string, mimeType: string) {
  const upload = await uploadFile(testApp.app, citizen.token, fileName, photo, mimeType);
  expect(upload.statusCode).toBe(201);
  const formData = {
    ...(await completeForm(testApp.app, 'preferential-card', citizen.id)),
    idPhoto: [upload.json().id],
  };
  return call(testApp.app, 'POST', '/requests', citizen.token, {
    serviceCode: 'preferential-card',
    formData,
    submit: true,
  });
}

describe('the 优待证 photo rules on submit', () => {
  it('tells the pixel size on upload and accepts a 352×440 JPG of 20–50 KB', async () => {
    const upload = await uploadFile(testApp.app, citizen.token, '证件照.jpg', ID_PHOTO_JPEG, 'image/jpeg');
    expect(upload.json()).toMatchObject({ mimeType: 'image/jpeg', width: 352, height: 440 });
    const response = await submitCardWith(ID_PHOTO_JPEG, '证件照.jpg', 'image/jpeg');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ status: 'submitted' });
  });

  it.each([
    ['a PNG', SMALL_PNG, 'photo.png', 'image/png', '证件照须为 JPG 格式的图片，请重新上传'],
    [
      'another size',
      withWidth(353),
      'photo.jpg',
      'image/jpeg',
      '证件照须为 352×440 像素，这张是 353×440 像素，请重新上传',
    ],
    [
      'under 20 KB',
      ID_PHOTO_JPEG.subarray(0, 15 * 1024),
      'photo.jpg',
      'image/jpeg',
      '证件照须为 20–50 KB，这张只有 15.0 KB，照片可能过于模糊，请重新上传',
    ],
    [
      'over 50 KB',
      Buffer.concat([ID_PHOTO_JPEG, Buffer.alloc(60 * 1024 - ID_PHOTO_JPEG.length)]),
      'photo.jpg',
      'image/jpeg',
      '证件照须为 20–50 KB，这张有 60.0 KB，请重新上传',
    ],
  ])('refuses %s at the photo field', async (_case, photo, fileName, mimeType, message) => {
    const response = await submitCardWith(photo, fileName, mimeType);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'body.formData.idPhoto', message }],
    });
  });

  it('lets a draft hold a photo that does not conform yet', async () => {
    const upload = await uploadFile(testApp.app, citizen.token, 'photo.png', SMALL_PNG, 'image/png');
    const response = await call(testApp.app, 'POST', '/requests', citizen.token, {
      serviceCode: 'preferential-card',
      formData: { idPhoto: [upload.json().id] },
    });
    expect(response.statusCode).toBe(201);
  });
});
