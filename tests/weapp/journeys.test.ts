import { describe, expect, inject, it } from 'vitest';
import { ID_PHOTO_JPEG } from '../../server/src/testing/id-photo.ts';
import { Device, launch, type WeappApp } from './support/harness.ts';
import { randomIdNumber, tinyPng } from './support/people.ts';
import { api, type SignedIn, signInStaff, signInWechat, storeSession } from './support/sessions.ts';

const MINE = 'pages/mine/index';
const SIGN_IN = 'subpackages/account/sign-in/index';
const IDENTITY = 'subpackages/account/identity/index';

/** `METHOD /path` of every wx.request so far (the path after /api/v1). */
function requests(app: WeappApp): string[] {
  return app.callsOf('request').map((options) => {
    const { url, method } = options as { url: string; method?: string };
    return `${(method ?? 'GET').toUpperCase()} ${url.replace(/^.*\/api\/v1/, '').split('?')[0]}`;
  });
}

/** A veteran signed in on `device` (policy agreed, identity submitted), as the first journey leaves one. */
async function citizen(device: Device): Promise<SignedIn> {
  const session = await signInWechat(device);
  await api('POST', '/me/consents', {
    token: session.accessToken,
    body: { kind: 'privacy-policy', version: '2026-11-01', granted: true },
  });
  await api('PUT', '/me/identity', {
    token: session.accessToken,
    body: { name: '李振华', idNumber: randomIdNumber(), kind: 'veteran' },
  });
  storeSession(device, session);
  return session;
}

async function waitUntil(check: () => boolean, describe: () => string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The id of the draft the form created (its first POST /requests answer is not visible here; its PATCH is). */
function draftId(app: WeappApp): number {
  const patch = app
    .callsOf('request')
    .map((options) => options as { url: string; method?: string })
    .find((options) => options.method === 'PATCH' && /\/requests\/\d+$/.test(options.url));
  return Number(patch?.url.split('/').pop());
}

describe('a veteran on the weapp build, against the real API', () => {
  it('signs in with WeChat (policy consent + WeChat privacy), then submits a real-name identity', async () => {
    const device = new Device();
    const app = await launch(device, `/${MINE}`);
    await app.page.tap('登录');
    let page = await app.waitForRoute(SIGN_IN);
    await page.waitForText('登录前，请阅读并同意隐私政策');
    await page.tap('同意并继续');
    expect(device.privacyAgreed).toBe(true);
    await page.tap('微信一键登录');
    await page.waitForText('绑定手机号（可选）');
    expect(app.callsOf('login')).toHaveLength(1);
    expect(requests(app)).toEqual(expect.arrayContaining(['POST /auth/wechat', 'POST /me/consents']));
    await page.tap('跳过');
    page = await app.waitForRoute(MINE);
    await page.tap('实名认证去认证');
    page = await app.waitForRoute(IDENTITY);
    await page.waitForText('填写实名信息');
    await page.type('姓名', '张卫国');
    await page.type('身份证号码', randomIdNumber());
    await page.tap('退役军人');
    await page.tap('提交实名信息');
    await page.waitForText('实名信息已提交');
    expect(requests(app)).toContain('PUT /me/identity');
    // The subscribe prompt for the verification result opened within the tap, and the answer was recorded.
    expect(app.callsOf('requestSubscribeMessage')).toEqual([{ tmplIds: ['tmpl-identity-result'] }]);
    await waitUntil(
      () => requests(app).includes('POST /me/subscriptions'),
      () => requests(app).join(', '),
    );
  });
});

/** The admin imports a one-row roster (名册) for the person, as the bureau's registration of them. */
async function registerInRoster(person: { name: string; idNumber: string }): Promise<void> {
  const admin = await signInStaff('admin');
  const form = new FormData();
  const csv = `姓名,身份证号码,退役日期,所属社区\n${person.name},${person.idNumber},1994-12-01,xidajie-wenhua\n`;
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'roster.csv');
  const response = await fetch(`${inject('weapp').apiOrigin}/api/v1/admin/veteran-roster`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.accessToken}` },
    body: form,
  });
  if (!response.ok) throw new Error(`roster import answered ${response.status}: ${await response.text()}`);
}

describe('刷脸核验 on the weapp build (WeChat face verification on)', () => {
  it('verifies a waiting veteran of the roster with wx.requestFacialVerify, the server asking WeChat', async () => {
    const device = new Device();
    device.privacyAgreed = true;
    const person = { name: '刘志强', idNumber: randomIdNumber() };
    await registerInRoster(person);
    const session = await signInWechat(device);
    await api('POST', '/me/consents', {
      token: session.accessToken,
      body: { kind: 'privacy-policy', version: '2026-11-01', granted: true },
    });
    // No proven phone: the roster match alone leaves the claim waiting for staff.
    await api('PUT', '/me/identity', { token: session.accessToken, body: { ...person, kind: 'veteran' } });
    storeSession(device, session);
    const app = await launch(device, `/${IDENTITY}`);
    await app.page.waitForText('刷脸核验');
    // First the person leaves WeChat's face check: nothing is verified, they may start again.
    device.faceAnswer = 'cancel';
    await app.page.tap('刷脸核验');
    await app.page.waitForText('刷脸核验未完成');
    device.faceAnswer = 'done';
    await app.page.tap('刷脸核验');
    await app.page.waitForText('实名信息已认证');
    const sessions = app.callsOf('requestFacialVerify') as { verifyId: string }[];
    expect(sessions).toHaveLength(2);
    expect(sessions[1]?.verifyId).toBeTruthy();
    expect(requests(app)).toEqual(
      expect.arrayContaining(['POST /me/face-verification', 'POST /me/face-verification/result']),
    );
  });
});

describe('联系我们 on the weapp build', () => {
  it('opens the centre on the map with wx.openLocation and calls it with wx.makePhoneCall', async () => {
    const device = new Device();
    device.privacyAgreed = true;
    const app = await launch(device, `/${MINE}`);
    await app.page.tap('联系我们');
    const page = await app.waitForRoute('subpackages/services/contact/index');
    await page.waitForText('地址：许昌市魏都区（演示地址）');
    await page.tap('地图导航');
    expect(app.callsOf('openLocation')).toEqual([
      expect.objectContaining({ latitude: 34.0277, longitude: 113.8226, name: '魏都区退役军人服务中心' }),
    ]);
    await page.tap('拨打电话');
    expect(app.callsOf('makePhoneCall')).toEqual([expect.objectContaining({ phoneNumber: '0374-0000000' })]);
  });
});

describe('优待证申领 on the weapp build', () => {
  it('applies with uploads, keeps the draft when leaving the form, submits, and shows the timeline', async () => {
    const device = new Device();
    device.privacyAgreed = true;
    await citizen(device);
    const app = await launch(device, '/pages/services/index');
    await app.page.tap('优待证申领');
    let page = await app.waitForRoute('subpackages/services/detail/index');
    await page.tap('我要办理');
    page = await app.waitForRoute('subpackages/requests/form/index');
    await page.waitForText('服役信息');
    await page.pick('入伍日期', '2001-09-01');
    await page.pick('退役日期', '2006-12-01');
    await page.tap('陆军');
    await page.tap('退伍');
    await page.tap('下一步');
    await page.waitForText('联系地址');
    await page.type('现居住地址', '许昌市魏都区西大街道 12 号');
    await page.tap('中国邮政储蓄银行');
    await page.tap('下一步');
    await page.waitForText('上传材料');
    // Leaving the form (the back button) and coming back: the draft is kept.
    await app.pressBack();
    page = await app.waitForRoute('subpackages/services/detail/index');
    await page.waitForText('您有一份未提交的草稿');
    // Leaving saved what was typed on the way out.
    expect(requests(app)).toContain(`PATCH /requests/${draftId(app)}`);
    await page.tap('继续填写');
    page = await app.waitForRoute('subpackages/requests/form/index');
    // Back where it was left: the uploads, with the address kept.
    await page.waitForText('上传材料');
    await page.tap('上一步');
    await page.waitForText('现居住地址');
    expect(page.value('现居住地址')).toBe('许昌市魏都区西大街道 12 号');
    await page.tap('下一步');
    await page.waitForText('上传材料');
    device.nextMedia.push({ name: 'photo.jpg', data: ID_PHOTO_JPEG, mime: 'image/jpeg' });
    await page.tap('＋ 拍照或选择文件', 0);
    await page.waitForText('已上传');
    device.nextMedia.push({ name: 'certificate.png', data: tinyPng(), mime: 'image/png' });
    await page.tap('＋ 拍照或选择文件', 0);
    await waitUntil(
      () => (page.text().match(/已上传/g) ?? []).length === 2,
      () => page.text(),
    );
    expect(app.callsOf('chooseMedia')).toHaveLength(2);
    expect(app.callsOf('uploadFile')).toHaveLength(2);
    await page.tap('下一步');
    await page.waitForText('核对信息');
    await page.tap('提交申请');
    await page.waitForText('提交成功');
    // The subscribe prompt opened within the tap, for the request templates, and the answer was reported.
    expect(app.callsOf('requestSubscribeMessage')).toEqual([
      { tmplIds: expect.arrayContaining(['tmpl-request-status', 'tmpl-staff-reply']) },
    ]);
    const number = /WD\d{8}-\d{4}/.exec(page.text())?.[0];
    expect(number).toBeTruthy();
    await page.tap('查看办件');
    page = await app.waitForRoute('subpackages/requests/detail/index');
    await page.waitForText(number as string);
    await page.waitForText('草稿 → 已提交');
    expect(page.text()).toContain('已提交');
  });
});

describe('法律咨询预约 on the weapp build', () => {
  it('books a consultation, sees it in 我的预约 and the inbox, and cancels it', async () => {
    const device = new Device();
    device.privacyAgreed = true;
    await citizen(device);
    const app = await launch(device, '/subpackages/legal/consult/index');
    let page = app.page;
    await page.waitForText('选择日期和时段');
    // The last open time on the first listed day.
    const times = page.findAllByText(/余 \d+ 个/);
    expect(times.length).toBeGreaterThan(0);
    page.dispatch(times[times.length - 1] as HTMLElement, 'tap');
    page = await app.waitForRoute('subpackages/legal/book/index');
    await page.waitForText('确认预约');
    const when = /(\d{4}年\d+月\d+日)（周.）\s*(\d\d:\d\d-\d\d:\d\d)/.exec(page.text());
    expect(when).toBeTruthy();
    await page.tap('劳动就业');
    await page.type('请简要说明想咨询的问题', '单位拖欠工资三个月，想咨询如何维权');
    await page.tap('确认预约');
    page = await app.waitForRoute('subpackages/legal/confirmation/index');
    await page.waitForText(when?.[2] as string);
    expect(page.text()).toContain('预约成功');
    expect(page.text()).toContain('劳动就业');
    // 我的预约 lists it; 取消预约 asks first, then cancels it on the server.
    await page.tap('查看我的预约');
    page = await app.waitForRoute('subpackages/legal/mine/index');
    await page.waitForText('即将进行的预约');
    await page.tap('取消预约');
    await page.tap('确认取消');
    await page.waitForText('预约已取消，名额已释放');
    expect(requests(app)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^POST \/legal\/bookings\/\d+\/cancel$/)]),
    );
    expect(page.text()).toContain('暂无即将进行的预约');
    // The inbox has the booking's notices.
    await app.tapTab('pages/mine/index');
    page = app.page;
    await page.tap('消息');
    page = await app.waitForRoute('subpackages/requests/inbox/index');
    await page.waitForText('法律咨询预约成功');
    expect(page.text()).toContain('法律咨询预约已取消');
    expect(page.text()).toContain('2 条未读');
    await page.tap('全部已读');
    await waitUntil(
      () => !page.text().includes('条未读'),
      () => page.text(),
    );
  });
});

describe('care mode on the weapp build', () => {
  it("follows WeChat's font size setting, and the 关怀模式 switch makes text larger still", async () => {
    const standard = new Device();
    const normal = await launch(standard, '/pages/mine/index');
    await normal.page.waitForText('关怀模式');
    const standardBody = bodyFontSize(normal.page.container);
    normal.close();

    const large = new Device();
    large.fontSizeSetting = 24;
    const app = await launch(large, '/pages/mine/index');
    await app.page.waitForText('关怀模式');
    const largeBody = bodyFontSize(app.page.container);
    expect(largeBody).toBeGreaterThan(standardBody);

    await app.page.tap('关怀模式');
    await app.page.waitForText('已开启');
    const careBody = bodyFontSize(app.page.container);
    expect(careBody).toBeGreaterThan(largeBody);
  });
});

describe('care mode tab bar, home and community list on the weapp build (issue 16 item 6)', () => {
  it("hides WeChat's tab bar for its own on the tab pages and shows 消息 on the care home", async () => {
    const device = new Device();
    await citizen(device);
    const app = await launch(device, `/${MINE}`);
    await app.page.waitForText('关怀模式');
    expect(app.tabBarHidden).toBe(false);
    expect(app.page.container.querySelector('.care-tab-bar')).toBeNull();

    await app.page.tap('关怀模式');
    await app.page.waitForText('已开启');
    await waitUntil(
      () => app.tabBarHidden,
      () => JSON.stringify(app.calls.slice(-5)),
    );
    const tabs = [...app.page.container.querySelectorAll('.care-tab')].map((tab) => tab.textContent?.trim());
    expect(tabs).toEqual(['首页', '办事', '我的']);

    // The care home: the four tiles and 消息; its tab bar takes the user to 办事.
    let page = await app.tapTab('pages/index/index');
    await page.waitForText('消息');
    expect(page.text()).toMatch(/消息\s*(办理通知|\d+ 条未读)/);
    expect(app.tabBarHidden).toBe(true);
    await page.tap('办事');
    page = await app.waitForRoute('pages/services/index');
    expect(page.container.querySelector('.care-tab--active')?.textContent?.trim()).toBe('办事');

    // Off again: WeChat's tab bar is back.
    page = await app.tapTab(MINE);
    await page.tap('关怀模式');
    await page.waitForText('已关闭');
    await waitUntil(
      () => !app.tabBarHidden,
      () => JSON.stringify(app.calls.slice(-5)),
    );
    expect(page.container.querySelector('.care-tab-bar')).toBeNull();
    app.close();
  });

  it('lists the communities as rows to tap in care mode, with no picker wheel', async () => {
    const device = new Device();
    await citizen(device);
    device.storage.set('veterans:care-mode', JSON.stringify({ on: true, unsaved: true }));
    const app = await launch(device, `/${IDENTITY}`);
    const page = app.page;
    await page.waitForText('社区退役军人服务站');
    expect(page.fields(['picker'])).toEqual([]);
    const row = page.findAllByText(/社区退役军人服务站/)[1];
    if (!row) throw new Error(page.text());
    page.dispatch(row, 'tap');
    await app.settle();
    expect(page.container.querySelector('.choice--checked')?.textContent).toBe(row.textContent);
    app.close();
  });
});

/** The page's body text size in px, from the theme variables set on its root. */
function bodyFontSize(container: HTMLElement): number {
  const root = container.querySelector<HTMLElement>('[style*="--app-font-size-body"]');
  const match = /--app-font-size-body:\s*([\d.]+)px/.exec(root?.getAttribute('style') ?? '');
  if (!match) throw new Error('No --app-font-size-body on the page root');
  return Number(match[1]);
}
