import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import {
  chooseOption,
  expectStep,
  fillField,
  newPerson,
  nextStep,
  openServiceGuide,
  signUpCitizen,
  startApplication,
  submitApplication,
} from '../support/citizen';
import { usePhonePage } from '../support/fixtures';
import { phonePhoto } from '../support/id-photo';
import { ID_PHOTO_JPEG } from '../support/staff';

describe('H5 优待证 photo: checked on the phone, cropped and fitted to the rules before upload', () => {
  const { page, baseUrl } = usePhonePage();

  async function openPhotoStep() {
    await signUpCitizen(page(), baseUrl, newPerson('孙卫国'));
    const guide = await openServiceGuide(page(), baseUrl, '优待证申领');
    const form = await startApplication(page(), guide);
    await form.getByLabel('入伍日期', { exact: true }).fill('1990-03-01');
    await form.getByLabel('退役日期', { exact: true }).fill('1994-12-01');
    await chooseOption(form, '陆军');
    await chooseOption(form, '退伍');
    await nextStep(form);
    await fillField(form, '现居住地址', '许昌市魏都区文化路 8 号');
    await chooseOption(form, '中国农业银行');
    await nextStep(form);
    await expectStep(form, '第 3/4 步', '上传材料');
    return form;
  }

  // Signs up and walks three form pages before the photo: longer than one page's default budget on a busy machine.
  it('turns a 1200×1600 PNG from the camera into a 352×440 JPG of 20–50 KB that the server accepts', {
    timeout: 180_000,
  }, async () => {
    const form = await openPhotoStep();
    await form.getByText(/352×440 像素的 JPG 图片，大小 20–50 KB/).waitFor();
    const photo = await phonePhoto(page());
    const uploaded = page().waitForResponse((response) => response.url().endsWith('/api/v1/uploads'));
    await form
      .getByLabel('添加近期免冠证件照（白底）', { exact: true })
      .setInputFiles({ name: 'IMG_0001.png', mimeType: 'image/png', buffer: photo });

    const dialog = page().getByRole('dialog', { name: '照片不符合证件照要求' });
    await dialog.getByText('证件照须为 JPG 格式的图片。').waitFor();
    await dialog.getByText(/已调整为 352×440 像素、\d+\.\d KB 的 JPG 照片/).waitFor();
    await screenshot(page(), 'issue21-id-photo-fit');
    await dialog.getByRole('button', { name: '使用调整后的照片' }).click();

    const stored = await (await uploaded).json();
    expect(stored).toMatchObject({ fileName: '证件照.jpg', mimeType: 'image/jpeg', width: 352, height: 440 });
    expect(stored.size).toBeGreaterThanOrEqual(20 * 1024);
    expect(stored.size).toBeLessThanOrEqual(50 * 1024);
    await form
      .getByText(/^已上传/)
      .first()
      .waitFor();

    await form
      .getByLabel('添加退伍证（或退出现役证明）', { exact: true })
      .setInputFiles({ name: '退伍证.jpg', mimeType: 'image/jpeg', buffer: ID_PHOTO_JPEG });
    await form
      .getByText(/^已上传/)
      .nth(1)
      .waitFor();
    await nextStep(form);
    await expectStep(form, '第 4/4 步', '核对信息');
    expect(await submitApplication(form)).toMatch(/^WD\d{8}-\d{4}$/);
  });

  it('uploads a photo that already meets the rules without asking', async () => {
    const form = await openPhotoStep();
    await form
      .getByLabel('添加近期免冠证件照（白底）', { exact: true })
      .setInputFiles({ name: '证件照.jpg', mimeType: 'image/jpeg', buffer: ID_PHOTO_JPEG });
    await form
      .getByText(/^已上传/)
      .first()
      .waitFor();
    expect(await page().getByRole('dialog').count()).toBe(0);
  });
});
