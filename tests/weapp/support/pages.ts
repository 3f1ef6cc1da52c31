import { type Ability, can } from '@veterans/shared';
import { expect } from 'vitest';
import { Device, launch } from './harness.ts';
import { randomIdNumber } from './people.ts';
import { api, type Role, type SignedIn, signInStaff, signInWechat, storeSession } from './sessions.ts';

/**
 * Every route of app.json: who may open it, what it needs in its query, and a piece of the real text its first
 * screen shows to each role. A route missing here fails the every-page test (so a new page gets a row).
 */

export type Access = 'public' | 'citizen' | 'staff' | Ability;

export interface Fixtures {
  articleId: number;
  articleTitle: string;
  slot: { id: number; date: string };
  requestId: number;
  bookingId: number;
  bookingDate: string;
}

export interface PageRow {
  access: Access;
  query?: (fx: Fixtures) => Record<string, string | number>;
  /** Text on the first screen, per role; `signedIn` for every role that may open it, `guest` when signed out. */
  text: Partial<Record<Role | 'signedIn', string | RegExp | ((fx: Fixtures) => string)>>;
}

const CITIZEN_PROMPT = '请先登录登录后才能使用此功能';
const STAFF_PROMPT = '请先登录工作人员账号';

export const pageTable: Record<string, PageRow> = {
  'pages/index/index': { access: 'public', text: { guest: '我要办事在线申请各类事项', signedIn: '通知公告' } },
  'pages/services/index': { access: 'public', text: { guest: '按受理单位分类', signedIn: '优待证申领' } },
  'pages/mine/index': {
    access: 'public',
    text: {
      guest: '您还没有登录',
      veteran: '实名认证',
      family: '实名认证',
      staff: '您已使用工作人员账号登录',
      lawyer: '您已使用律师账号登录',
      admin: '您已使用管理员账号登录',
    },
  },
  'subpackages/services/contact/index': {
    access: 'public',
    text: { guest: /服务中心和服务站[\s\S]*魏都区退役军人服务中心/, signedIn: '地图导航' },
  },
  'subpackages/services/not-found/index': {
    access: 'public',
    text: { guest: '页面不存在您要找的页面不存在或已经下线', signedIn: '返回首页' },
  },
  'subpackages/services/detail/index': {
    access: 'public',
    query: () => ({ code: 'preferential-card' }),
    text: { guest: '所需材料', signedIn: '优待证申领' },
  },
  'subpackages/articles/list/index': { access: 'public', text: { guest: '政策法规', signedIn: '办事指南' } },
  'subpackages/articles/detail/index': {
    access: 'public',
    query: (fx) => ({ id: fx.articleId }),
    text: { guest: (fx) => fx.articleTitle, signedIn: (fx) => fx.articleTitle },
  },
  'subpackages/content-admin/list/index': {
    access: 'content.edit',
    text: { guest: STAFF_PROMPT, signedIn: '新建文章' },
  },
  'subpackages/content-admin/edit/index': { access: 'content.edit', text: { guest: STAFF_PROMPT, signedIn: '栏目' } },
  'subpackages/staff-stats/overview/index': {
    access: 'statistics.read',
    text: { guest: STAFF_PROMPT, signedIn: '统计期间' },
  },
  'subpackages/admin/units/index': { access: 'units.administer', text: { guest: STAFF_PROMPT, signedIn: '新建机构' } },
  'subpackages/admin/staff/index': { access: 'staff.administer', text: { guest: STAFF_PROMPT, signedIn: '新建账号' } },
  'subpackages/admin/roster/index': { access: 'roster.import', text: { guest: STAFF_PROMPT, signedIn: '导入记录' } },
  'subpackages/admin/audit/index': { access: 'audit.read', text: { guest: STAFF_PROMPT, signedIn: '导出 Excel' } },
  'subpackages/admin/calendar/index': { access: 'calendar.read', text: { guest: STAFF_PROMPT, signedIn: '回到本月' } },
  'subpackages/admin/banks/index': { access: 'banks.manage', text: { guest: STAFF_PROMPT, signedIn: '中国工商银行' } },
  'subpackages/account/sign-in/index': {
    access: 'public',
    text: { guest: '登录前，请阅读并同意隐私政策', signedIn: '登录前，请阅读并同意隐私政策' },
  },
  'subpackages/account/identity/index': {
    access: 'citizen',
    text: { guest: CITIZEN_PROMPT, veteran: '当前实名信息待核验', family: '家属身份已登记' },
  },
  'subpackages/account/phone/index': {
    access: 'citizen',
    text: { guest: CITIZEN_PROMPT, signedIn: '原登录手机号将被替换' },
  },
  'subpackages/account/family-links/index': {
    access: 'citizen',
    // The request form below the list is for family members only (a veteran is not offered it).
    text: { guest: CITIZEN_PROMPT, signedIn: '我的关联' },
  },
  'subpackages/account/privacy-policy/index': {
    access: 'public',
    text: { guest: '一、我们是谁', signedIn: '一、我们是谁' },
  },
  'subpackages/account/export/index': { access: 'citizen', text: { guest: CITIZEN_PROMPT, signedIn: '导出我的数据' } },
  'subpackages/account/counter-claim/index': {
    access: 'citizen',
    text: { guest: CITIZEN_PROMPT, signedIn: '认领在服务站窗口办理的办件' },
  },
  'subpackages/requests/form/index': {
    access: 'citizen',
    query: () => ({ code: 'policy-question' }),
    text: { guest: CITIZEN_PROMPT, signedIn: '咨询方向' },
  },
  'subpackages/requests/list/index': { access: 'citizen', text: { guest: CITIZEN_PROMPT, signedIn: '政策咨询' } },
  'subpackages/requests/detail/index': {
    access: 'citizen',
    query: (fx) => ({ id: fx.requestId }),
    text: { guest: CITIZEN_PROMPT, signedIn: '政策咨询' },
  },
  'subpackages/requests/inbox/index': {
    access: 'citizen',
    text: { guest: '登录后可以查看办件进度等消息', signedIn: '办件已提交' },
  },
  'subpackages/requests/home-filing/index': {
    access: 'citizen',
    query: () => ({ service: 'preferential-card' }),
    text: { guest: CITIZEN_PROMPT, signedIn: '不便到站的原因' },
  },
  'subpackages/staff/sign-in/index': {
    access: 'public',
    text: { guest: '使用本单位分配的账号登录', signedIn: '使用本单位分配的账号登录' },
  },
  'subpackages/staff/change-password/index': {
    access: 'staff',
    text: { guest: STAFF_PROMPT, signedIn: '修改后，其他设备上的登录将失效' },
  },
  'subpackages/staff/workbench/index': {
    access: 'staff',
    text: { guest: STAFF_PROMPT, staff: '办件队列', lawyer: '律师账号不办理办件', admin: '所属单位' },
  },
  'subpackages/staff/queue/index': { access: 'requests.work', text: { guest: STAFF_PROMPT, signedIn: '搜索办件' } },
  'subpackages/staff/request/index': {
    access: 'requests.work',
    query: (fx) => ({ id: fx.requestId }),
    text: { guest: STAFF_PROMPT, signedIn: '政策咨询' },
  },
  'subpackages/staff/verifications/index': {
    access: 'veterans.verify',
    text: { guest: STAFF_PROMPT, signedIn: '名册未能自动确认身份的退役军人' },
  },
  'subpackages/staff/family-links/index': {
    access: 'veterans.verify',
    text: { guest: STAFF_PROMPT, signedIn: '退役军人本人可以在小程序中确认' },
  },
  'subpackages/staff/follow-ups/index': { access: 'requests.work', text: { guest: STAFF_PROMPT, signedIn: '待回访' } },
  'subpackages/staff/inbox/index': {
    access: 'staff',
    text: { guest: STAFF_PROMPT, staff: '新办件待受理', signedIn: /暂无消息|全部标为已读/ },
  },
  'subpackages/staff/counter/index': {
    access: 'counter.file',
    text: { guest: STAFF_PROMPT, signedIn: '按身份证号码查找办事人' },
  },
  'subpackages/staff/counter-receipt/index': {
    access: 'counter.file',
    query: (fx) => ({ id: fx.requestId }),
    text: { guest: STAFF_PROMPT, signedIn: '受理回执' },
  },
  'subpackages/staff/home-filing/index': {
    access: 'counter.file',
    text: { guest: STAFF_PROMPT, signedIn: /待上门[\s\S]*(暂无待上门的入户办理申请|上门地址)/ },
  },
  'subpackages/staff/canned-replies/index': {
    access: 'requests.work',
    text: { guest: STAFF_PROMPT, signedIn: '添加常用回复' },
  },
  'subpackages/legal/consult/index': { access: 'public', text: { guest: '选择日期和时段', signedIn: '免费法律咨询' } },
  'subpackages/legal/book/index': {
    access: 'citizen',
    query: (fx) => ({ slotId: fx.slot.id, date: fx.slot.date }),
    text: { guest: CITIZEN_PROMPT, signedIn: '咨询' },
  },
  'subpackages/legal/confirmation/index': {
    access: 'citizen',
    query: (fx) => ({ id: fx.bookingId }),
    text: { guest: CITIZEN_PROMPT, signedIn: '预约' },
  },
  'subpackages/legal/mine/index': { access: 'citizen', text: { guest: CITIZEN_PROMPT, signedIn: '即将进行的预约' } },
  'subpackages/legal/records/index': { access: 'citizen', text: { guest: CITIZEN_PROMPT, signedIn: '咨询记录' } },
  'subpackages/legal-desk/day/index': { access: 'legal.day', text: { guest: STAFF_PROMPT, signedIn: '近期咨询日' } },
  'subpackages/legal-desk/walk-in/index': {
    access: 'legal.desk',
    query: (fx) => ({ slotId: fx.slot.id, date: fx.slot.date }),
    text: { guest: STAFF_PROMPT, signedIn: '登记并签到' },
  },
  'subpackages/legal-desk/record/index': {
    access: 'legal.record',
    query: (fx) => ({ bookingId: fx.bookingId, date: fx.bookingDate }),
    text: { guest: STAFF_PROMPT, signedIn: '咨询' },
  },
  'subpackages/legal-desk/records/index': {
    access: 'legal.day',
    text: { guest: STAFF_PROMPT, signedIn: '咨询日期（不填为最近的记录）' },
  },
  'subpackages/legal-desk/impacts/index': {
    access: 'legal.desk',
    text: { guest: STAFF_PROMPT, signedIn: '排班调整或停诊后' },
  },
  'subpackages/legal-desk/rules/index': { access: 'legal.schedule', text: { guest: STAFF_PROMPT, signedIn: '排班' } },
  'subpackages/legal-desk/rule/index': { access: 'legal.schedule', text: { guest: STAFF_PROMPT, signedIn: '排班' } },
  'subpackages/legal-desk/closures/index': {
    access: 'legal.schedule',
    text: { guest: STAFF_PROMPT, signedIn: '停诊' },
  },
};

export interface Account {
  role: Role;
  session: SignedIn | null;
  device: Device;
}

/** Whether `account` may open a page with this access. */
export function mayOpen(account: Account, access: Access): boolean {
  if (access === 'public') return true;
  const user = account.session?.user as { type?: string; role?: string } | undefined;
  if (!user) return false;
  if (access === 'citizen') return user.type !== 'staff';
  if (user.type !== 'staff') return false;
  if (access === 'staff') return true;
  return can(user as Parameters<typeof can>[0], access);
}

export async function signInAs(role: Role): Promise<Account> {
  const device = new Device();
  device.privacyAgreed = true;
  if (role === 'guest') return { role, session: null, device };
  if (role === 'veteran' || role === 'family') {
    const session = await signInWechat(device);
    await api('POST', '/me/consents', {
      token: session.accessToken,
      body: { kind: 'privacy-policy', version: '2026-11-01', granted: true },
    });
    await api('PUT', '/me/identity', {
      token: session.accessToken,
      body: { name: role === 'veteran' ? '王建军' : '王秀英', idNumber: randomIdNumber(), kind: role },
    });
    storeSession(device, session);
    return { role, session, device };
  }
  const session = await signInStaff(role);
  storeSession(device, session);
  return { role, session, device };
}

/** Real records for the pages that show one: an article, an open legal slot, a request and a booking. */
export async function makeFixtures(veteran: Account): Promise<Fixtures> {
  const token = veteran.session?.accessToken;
  const articles = await api<{ items: { id: number; title: string }[] }>('GET', '/articles');
  const article = articles.items[0];
  if (!article) throw new Error('The demo data has no published article');
  const slots = await api<{ slots: { id: number; date: string; bookable: boolean; remaining: number }[] }>(
    'GET',
    '/legal/slots',
  );
  // Spread over the open slots (every test file books one and a slot has few places); a full one is skipped.
  const open = slots.slots.filter((slot) => slot.bookable && slot.remaining > 0).sort(() => Math.random() - 0.5);
  const request = await api<{ id: number }>('POST', '/requests', {
    token,
    body: {
      serviceCode: 'policy-question',
      formData: { topic: '其他', question: '优待证可以在外地使用吗？' },
      submit: true,
    },
  });
  let booked: { slot: (typeof open)[number]; id: number } | undefined;
  for (const slot of open) {
    try {
      const booking = await api<{ id: number }>('POST', '/legal/bookings', {
        token,
        body: { slotId: slot.id, topic: 'labour', description: '单位拖欠工资，想咨询如何维权' },
      });
      booked = { slot, id: booking.id };
      break;
    } catch (error) {
      if (!/SLOT_FULL/.test(String(error))) throw error;
    }
  }
  if (!booked) throw new Error('No bookable legal slot in the demo data');
  const slot = booked.slot;
  const booking = { id: booked.id };
  return {
    articleId: article.id,
    articleTitle: article.title,
    slot: { id: slot.id, date: slot.date },
    requestId: request.id,
    bookingId: booking.id,
    bookingDate: slot.date,
  };
}

function urlFor(route: string, row: PageRow, fx: Fixtures): string {
  const query = row.query?.(fx) ?? {};
  const pairs = Object.entries(query).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return `/${route}${pairs.length ? `?${pairs.join('&')}` : ''}`;
}

/** Opens `route` on a fresh launch (cold start, as from a shared link) and checks its first screen. */
export async function checkPage(account: Account, route: string, fx: Fixtures): Promise<void> {
  const row = pageTable[route];
  if (!row) throw new Error(`${route} has no row in tests/weapp/support/pages.ts`);
  const device = new Device();
  device.storage = new Map(account.device.storage);
  device.privacyAgreed = true;
  device.wechatUser = account.device.wechatUser;
  const app = await launch(device, urlFor(route, row, fx));
  const expected = account.role === 'guest' ? row.text.guest : (row.text[account.role] ?? row.text.signedIn);
  const text = typeof expected === 'function' ? expected(fx) : expected;
  if (!text) throw new Error(`${route} has no expected text for ${account.role}`);
  await app.page.waitForText(text);
  await app.settle();
  expect(app.page.route).toBe(route);
  if (typeof text === 'string') expect(app.page.text()).toContain(text);
  else expect(app.page.text()).toMatch(text);
}
