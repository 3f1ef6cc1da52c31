import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/index';
import { demoArticles } from '../../demo/articles';
import { seedDemoData } from '../../demo/seed';
import { bearer, createCitizen, createStaff } from '../../testing/fixtures';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { SMALL_PDF, SMALL_PNG, uploadFile } from '../uploads/test-support';

let ctx: TestApp;
let app: FastifyInstance;
let staffToken: string;
let adminToken: string;
let uploadDir: string;

interface Summary {
  id: number;
  title: string;
  channel: string;
  pinned: boolean;
  summary: string | null;
  serviceCode: string | null;
}

async function create(token: string, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/v1/staff/articles', headers: bearer(token), payload });
}

async function publicList(query: string): Promise<{ items: Summary[]; total: number }> {
  const response = await app.inject({ method: 'GET', url: `/api/v1/articles?${query}` });
  expect(response.statusCode).toBe(200);
  return response.json();
}

beforeAll(async () => {
  uploadDir = await mkdtemp(path.join(tmpdir(), 'articles-images-'));
  ctx = await createTestApp({ UPLOAD_DIR: uploadDir });
  app = ctx.app;
  await seedDemoData(app.db);
  staffToken = (await createStaff(app, { role: 'staff', unitCode: 'xidajie' })).token;
  adminToken = (await createStaff(app, { role: 'admin' })).token;
});
afterAll(async () => {
  await ctx.close();
  await rm(uploadDir, { recursive: true, force: true });
});

describe('public articles', () => {
  it('lists the published demo articles, pinned first, then newest', async () => {
    const { items, total } = await publicList('pageSize=100');
    expect(total).toBe(demoArticles.length);
    expect(items[0]?.pinned).toBe(true);
    expect(items.filter((item) => item.pinned)).toHaveLength(demoArticles.filter((a) => a.pinned).length);
    const notices = await publicList('channel=notice');
    expect(notices.items.every((item) => item.channel === 'notice')).toBe(true);
  });

  it('seeds the demo articles once (seeding again adds nothing)', async () => {
    await seedDemoData(app.db);
    expect((await publicList('pageSize=100')).total).toBe(demoArticles.length);
  });

  it('serves the home feed: pinned notices and the newest policy articles', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/articles/home' });
    expect(response.statusCode).toBe(200);
    const feed = response.json();
    expect(feed.notices.map((n: Summary) => n.title)).toEqual(['每周二上午免费法律咨询服务的通知']);
    expect(feed.policies.length).toBe(demoArticles.filter((a) => a.channel === 'policy').length);
    expect(feed.policies.every((p: Summary) => p.channel === 'policy')).toBe(true);
  });

  it('shows one published article with its sanitised body and linked service', async () => {
    const { items } = await publicList('serviceCode=preferential-card');
    expect(items.map((item) => item.title)).toEqual(['退役军人优待证申领指南']);
    const response = await app.inject({ method: 'GET', url: `/api/v1/articles/${items[0]?.id}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      channel: 'guide',
      channelLabel: '办事指南',
      serviceCode: 'preferential-card',
      serviceName: '优待证申领',
    });
    expect(response.json().body).toContain('<h3>申领条件</h3>');
  });

  it('answers 404 for an unknown article', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/articles/999999' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });
});

describe('Chinese search', () => {
  it('finds 优待证 inside 退役军人优待证申领指南', async () => {
    const { items } = await publicList(`q=${encodeURIComponent('优待证')}&pageSize=100`);
    const titles = items.map((item) => item.title);
    expect(titles).toContain('退役军人优待证申领指南');
    expect(titles).toContain('退役军人优待证使用范围说明');
    // Only articles that contain the word.
    expect(titles).not.toContain('遇到劳动纠纷怎么办');
  });

  it('searches the body text, across tags, not the markup', async () => {
    const created = await create(staffToken, {
      channel: 'legal-education',
      title: '一篇关于出行的文章',
      body: '<p>乘坐公交时出示<strong>优待</strong>证即可。</p><p>strong 不是正文里的字</p>',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    await app.inject({ method: 'POST', url: `/api/v1/staff/articles/${id}/publish`, headers: bearer(staffToken) });
    const found = await publicList(`q=${encodeURIComponent('出示优待证')}`);
    expect(found.items.map((item) => item.id)).toEqual([id]);
    // Tag names and attributes are not searchable text.
    const markup = await publicList(`q=${encodeURIComponent('<strong>')}`);
    expect(markup.total).toBe(0);
  });

  it('treats % and _ literally', async () => {
    const percent = await create(staffToken, {
      channel: 'notice',
      title: '满意率达到 99% 的服务站',
      body: '<p>表扬</p>',
    });
    const underscore = await create(staffToken, { channel: 'notice', title: '文件名 a_b 的说明', body: '<p>说明</p>' });
    for (const response of [percent, underscore]) {
      await app.inject({
        method: 'POST',
        url: `/api/v1/staff/articles/${response.json().id}/publish`,
        headers: bearer(staffToken),
      });
    }
    const all = await publicList('pageSize=100');
    const byPercent = await publicList(`q=${encodeURIComponent('%')}&pageSize=100`);
    expect(byPercent.items.map((item) => item.id)).toEqual([percent.json().id]);
    const byUnderscore = await publicList(`q=${encodeURIComponent('_')}&pageSize=100`);
    expect(byUnderscore.items.map((item) => item.id)).toEqual([underscore.json().id]);
    expect(all.total).toBeGreaterThan(3);
    expect((await publicList(`q=${encodeURIComponent('!')}`)).total).toBe(0);
  });
});

describe('writing, publishing and unpublishing', () => {
  it('keeps a draft private until published, and hides it again when unpublished', async () => {
    const created = await create(staffToken, {
      channel: 'policy',
      title: '关于调整抚恤补助标准的通知（草稿）',
      body: '<p>自明年起调整。</p><script>alert(1)</script><p onclick="x">内容</p>',
    });
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft.status).toBe('draft');
    expect(draft.publishedAt).toBeNull();
    expect(draft.body).toBe('<p>自明年起调整。</p><p>内容</p>');

    const hidden = async () => {
      expect((await app.inject({ method: 'GET', url: `/api/v1/articles/${draft.id}` })).statusCode).toBe(404);
      const { items } = await publicList(`q=${encodeURIComponent('抚恤补助')}`);
      expect(items.map((item) => item.id)).not.toContain(draft.id);
    };
    await hidden();

    const preview = await app.inject({
      method: 'GET',
      url: `/api/v1/staff/articles/${draft.id}/preview`,
      headers: bearer(staffToken),
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ status: 'draft', statusLabel: '草稿', body: draft.body });

    const published = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/articles/${draft.id}/publish`,
      headers: bearer(staffToken),
    });
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe('published');
    expect(published.json().publishedAt).not.toBeNull();
    const shown = await app.inject({ method: 'GET', url: `/api/v1/articles/${draft.id}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().summary).toBe('自明年起调整。 内容');
    expect((await publicList(`q=${encodeURIComponent('抚恤补助')}`)).items.map((i) => i.id)).toContain(draft.id);

    // Edits of a published article are sanitised too and show at once.
    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/articles/${draft.id}`,
      headers: bearer(adminToken),
      payload: { body: '<p>新的内容<img src="https://evil.example/x.png"><a href="javascript:alert(1)">链接</a></p>' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ status: 'published', body: '<p>新的内容链接</p>' });

    const unpublished = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/articles/${draft.id}/unpublish`,
      headers: bearer(staffToken),
    });
    expect(unpublished.statusCode).toBe(200);
    expect(unpublished.json().status).toBe('unpublished');
    await hidden();
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/articles/${draft.id}/unpublish`,
      headers: bearer(staffToken),
    });
    expect(again.statusCode).toBe(409);

    const listed = await app.inject({
      method: 'GET',
      url: '/api/v1/staff/articles?status=unpublished',
      headers: bearer(staffToken),
    });
    expect(listed.json().items.map((item: { id: number }) => item.id)).toContain(draft.id);
    const drafts = await app.inject({
      method: 'GET',
      url: '/api/v1/staff/articles?status=draft',
      headers: bearer(staffToken),
    });
    expect(drafts.json().items.every((item: { status: string }) => item.status === 'draft')).toBe(true);

    const actions = await app.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'article'), eq(auditLog.targetId, String(draft.id))));
    expect(actions.map((row) => row.action).sort()).toEqual(
      ['article.create', 'article.preview', 'article.publish', 'article.update', 'article.unpublish'].sort(),
    );
  });

  it('links a guide to a real service, and only guides', async () => {
    const missing = await create(staffToken, { channel: 'guide', title: '指南', body: '<p>内容</p>' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('VALIDATION_FAILED');
    const unknown = await create(staffToken, {
      channel: 'guide',
      title: '指南',
      body: '<p>内容</p>',
      serviceCode: 'no-such-service',
    });
    expect(unknown.statusCode).toBe(400);
    const notGuide = await create(staffToken, {
      channel: 'policy',
      title: '政策',
      body: '<p>内容</p>',
      serviceCode: 'appeal',
    });
    expect(notGuide.statusCode).toBe(400);
    const guide = await create(staffToken, {
      channel: 'guide',
      title: '诉求反映办理指南',
      body: '<p>在线提交诉求。</p>',
      serviceCode: 'appeal',
    });
    expect(guide.statusCode).toBe(201);
    await app.inject({
      method: 'POST',
      url: `/api/v1/staff/articles/${guide.json().id}/publish`,
      headers: bearer(staffToken),
    });
    const { items } = await publicList('serviceCode=appeal');
    expect(items.map((item) => item.id)).toEqual([guide.json().id]);
  });

  it('refuses a body with nothing left after sanitising', async () => {
    const response = await create(staffToken, {
      channel: 'notice',
      title: '空',
      body: '<script>alert(1)</script><iframe src="https://x.example"></iframe>',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('body');
  });
});

describe('images in articles', () => {
  it('serves a staff upload to the public once a published article shows it, and nothing else', async () => {
    const uploaded = await uploadFile(app, staffToken, '示意图.png', SMALL_PNG);
    expect(uploaded.statusCode).toBe(201);
    const imageId = uploaded.json().id;
    const created = await create(staffToken, {
      channel: 'notice',
      title: '带图片的通知',
      body: `<p>见下图</p><p><img src="/api/v1/uploads/${imageId}" alt="示意图"></p>`,
    });
    expect(created.json().body).toContain(`<img src="/api/v1/articles/images/${imageId}" alt="示意图" />`);
    const image = () => app.inject({ method: 'GET', url: `/api/v1/articles/images/${imageId}` });
    expect((await image()).statusCode).toBe(404); // only in a draft so far

    await app.inject({
      method: 'POST',
      url: `/api/v1/staff/articles/${created.json().id}/publish`,
      headers: bearer(staffToken),
    });
    const shown = await image();
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.headers['x-content-type-options']).toBe('nosniff');
    expect(shown.rawPayload.equals(SMALL_PNG)).toBe(true);

    // A citizen's file (a request attachment) or a staff pdf is never served here, even if an article names it.
    const citizen = await createCitizen(app);
    const citizenFile = (await uploadFile(app, citizen.token, 'id.png', SMALL_PNG)).json().id;
    const staffPdf = (await uploadFile(app, staffToken, 'a.pdf', SMALL_PDF)).json().id;
    const sneaky = await create(staffToken, {
      channel: 'notice',
      title: '引用他人文件',
      body: `<p>x<img src="/api/v1/uploads/${citizenFile}"><img src="/api/v1/uploads/${staffPdf}"></p>`,
    });
    await app.inject({
      method: 'POST',
      url: `/api/v1/staff/articles/${sneaky.json().id}/publish`,
      headers: bearer(staffToken),
    });
    for (const id of [citizenFile, staffPdf]) {
      expect((await app.inject({ method: 'GET', url: `/api/v1/articles/images/${id}` })).statusCode).toBe(404);
    }

    // Unpublished again: the image is no longer public.
    await app.inject({
      method: 'POST',
      url: `/api/v1/staff/articles/${created.json().id}/unpublish`,
      headers: bearer(staffToken),
    });
    expect((await image()).statusCode).toBe(404);
  });
});

describe('authorisation of the staff routes', () => {
  const routes = (id: number) =>
    [
      { method: 'GET', url: '/api/v1/staff/articles' },
      { method: 'POST', url: '/api/v1/staff/articles', payload: { channel: 'notice', title: 't', body: '<p>b</p>' } },
      { method: 'PATCH', url: `/api/v1/staff/articles/${id}`, payload: { title: 't' } },
      { method: 'POST', url: `/api/v1/staff/articles/${id}/publish` },
      { method: 'POST', url: `/api/v1/staff/articles/${id}/unpublish` },
      { method: 'GET', url: `/api/v1/staff/articles/${id}/preview` },
    ] as const;

  it('answers 401 without a token, 403 to citizens and lawyers', async () => {
    const { items } = await publicList('pageSize=1');
    const id = items[0]?.id ?? 1;
    const citizen = await createCitizen(app);
    const lawyer = await createStaff(app, { role: 'lawyer' });
    for (const route of routes(id)) {
      const anonymous = await app.inject({ ...route });
      expect(anonymous.statusCode, `${route.method} ${route.url}`).toBe(401);
      const asCitizen = await app.inject({ ...route, headers: bearer(citizen.token) });
      expect(asCitizen.statusCode, `${route.method} ${route.url}`).toBe(403);
      const asLawyer = await app.inject({ ...route, headers: bearer(lawyer.token) });
      expect(asLawyer.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
    // Nothing changed: the article is still published.
    expect((await app.inject({ method: 'GET', url: `/api/v1/articles/${id}` })).statusCode).toBe(200);
  });
});

describe('articles belong to a unit', () => {
  const patch = (token: string, id: number, payload: Record<string, unknown>) =>
    app.inject({ method: 'PATCH', url: `/api/v1/staff/articles/${id}`, headers: bearer(token), payload });

  it('lets staff change the articles of their subtree only: a community cannot touch the district’s notices', async () => {
    const community = await createStaff(app, { role: 'staff', unitCode: 'xidajie-wenhua' });
    const districtStaff = await createStaff(app, { role: 'staff', unitCode: 'weidu' });
    const streetArticle = (
      await create(staffToken, { channel: 'notice', title: '西大街道通知', body: '<p>街道通知</p>' })
    ).json();
    const districtNotice = (
      await create(districtStaff.token, { channel: 'notice', title: '全区通知', body: '<p>全区</p>', pinned: true })
    ).json();

    expect((await patch(community.token, districtNotice.id, { title: '改掉' })).statusCode).toBe(404);
    expect((await patch(community.token, streetArticle.id, { title: '改掉' })).statusCode).toBe(404);
    const unpublish = await app.inject({
      method: 'POST',
      url: `/api/v1/staff/articles/${districtNotice.id}/unpublish`,
      headers: bearer(community.token),
    });
    expect(unpublish.statusCode).toBe(404);
    expect((await patch(staffToken, streetArticle.id, { title: '西大街道通知（更新）' })).statusCode).toBe(200);
    expect((await patch(districtStaff.token, streetArticle.id, { summary: '区中心审阅' })).statusCode).toBe(200);

    const listed = await app.inject({
      method: 'GET',
      url: '/api/v1/staff/articles?pageSize=100',
      headers: bearer(community.token),
    });
    expect(listed.json().items.map((item: Summary) => item.id)).not.toContain(districtNotice.id);
  });

  it('keeps pinning district-wide notices to the district centre', async () => {
    const refused = await create(staffToken, { channel: 'notice', title: '想置顶', body: '<p>置顶</p>', pinned: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toEqual({ code: 'FORBIDDEN', message: '全区置顶通知由区中心发布' });
    const own = (await create(staffToken, { channel: 'notice', title: '不置顶', body: '<p>正文</p>' })).json();
    expect((await patch(staffToken, own.id, { pinned: true })).statusCode).toBe(403);
    expect((await patch(adminToken, own.id, { pinned: true })).json().pinned).toBe(true);
  });
});
