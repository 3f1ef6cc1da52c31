import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { GUIDE, HOME, settledOn, tinyPng } from '../support/citizen';
import { usePhonePage } from '../support/fixtures';
import { api, DEMO_DISTRICT_STAFF, signInAsStaff } from '../support/staff';

/**
 * Articles 政策法规/普法宣传/通知公告/办事指南 in the H5 app: the home page's news, the list with search and paging,
 * an article's page (sanitised HTML through RichText), the guide ↔ service links, and the staff editor
 * (subpackages/content-admin) publishing what the public then reads.
 */

const ARTICLE_LIST = '/subpackages/articles/list/index';
const ARTICLE_DETAIL = '/subpackages/articles/detail/index';
const CONTENT_ADMIN = '/subpackages/content-admin/list/index';
const CONTENT_EDITOR = '/subpackages/content-admin/edit/index';

async function staffToken(baseUrl: string): Promise<string> {
  const { accessToken } = await api<{ accessToken: string }>(baseUrl, 'POST', '/auth/staff/login', {
    username: DEMO_DISTRICT_STAFF.username,
    password: DEMO_DISTRICT_STAFF.password,
  });
  return accessToken;
}

/** Fails the test when the page runs anything a payload would have run. */
function watchForScripts(page: Page): { dialogs: string[] } {
  const seen = { dialogs: [] as string[] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return seen;
}

async function openArticleFromList(page: Page, list: Locator, title: string): Promise<Locator> {
  await list
    .getByRole('link', { name: new RegExp(title) })
    .first()
    .click();
  const detail = await settledOn(page, ARTICLE_DETAIL);
  await detail.getByRole('heading', { name: title }).waitFor();
  return detail;
}

describe('H5 articles', () => {
  const { page, baseUrl } = usePhonePage();

  it('shows the pinned notices and the newest policies on the home page', async () => {
    await page().goto(`${baseUrl}${HOME}`);
    const home = await settledOn(page(), HOME);
    const notices = home.getByRole('region', { name: '通知公告' });
    const notice = notices.getByRole('link', { name: /^置顶 ?每周二上午免费法律咨询服务的通知/ });
    await notice.waitFor();
    await home.getByText('最新政策').waitFor();
    await home.getByRole('link', { name: /《中华人民共和国退役军人保障法》要点解读/ }).waitFor();
    // Only pinned notices in the strip: the unpinned demo notice is not there.
    expect(await notices.getByText('退役军人服务通上线试运行').count()).toBe(0);
    await screenshot(page(), 'content-home-news');

    await notice.click();
    const detail = await settledOn(page(), ARTICLE_DETAIL);
    await detail.getByRole('heading', { name: /每周二上午免费法律咨询服务的通知/ }).waitFor();
    await detail.getByText('通知公告 · 发布于').waitFor();
  });

  it('searches 优待证 and finds the guide, which links to its service and back', async () => {
    await page().goto(`${baseUrl}${ARTICLE_LIST}`);
    const list = await settledOn(page(), ARTICLE_LIST);
    await list.getByRole('tab', { name: '全部' }).waitFor();
    await list.getByRole('searchbox', { name: '搜索文章' }).fill('优待证');
    await list.getByRole('button', { name: '搜索', exact: true }).click();
    await list.getByText(/在全部栏目中搜索“优待证”，共 \d+ 篇/).waitFor();
    await list.getByRole('link', { name: /退役军人优待证申领指南/ }).waitFor();
    await list.getByRole('link', { name: /退役军人优待证使用范围说明/ }).waitFor();
    // Nothing unrelated.
    expect(await list.getByRole('link', { name: /遇到劳动纠纷怎么办/ }).count()).toBe(0);
    await screenshot(page(), 'content-search');

    // Within 办事指南 only the guide remains.
    await list.getByRole('tab', { name: '办事指南' }).click();
    await list.getByText(/在“办事指南”中搜索“优待证”，共 1 篇/).waitFor();

    const detail = await openArticleFromList(page(), list, '退役军人优待证申领指南');
    await detail.locator('.article-body').getByText(/./).first().waitFor();
    await screenshot(page(), 'content-guide-detail');
    await detail.getByRole('button', { name: /^去办理/ }).click();
    const guide = await settledOn(page(), GUIDE);
    await guide.getByText('所需材料').waitFor();
    // The service page links back to its guide articles.
    await guide.getByRole('link', { name: /退役军人优待证申领指南/ }).waitFor();
  });

  it('pages through a channel with 加载更多', async () => {
    const token = await staffToken(baseUrl);
    // Enough 普法宣传 articles for a second page (10 a page).
    for (let index = 1; index <= 9; index += 1) {
      const created = await api<{ id: number }>(
        baseUrl,
        'POST',
        '/staff/articles',
        { channel: 'legal-education', title: `普法小课堂第${index}讲`, body: `<p>第${index}讲的内容。</p>` },
        token,
      );
      await api(baseUrl, 'POST', `/staff/articles/${created.id}/publish`, undefined, token);
    }
    const { total } = await api<{ total: number }>(baseUrl, 'GET', '/articles?channel=legal-education&pageSize=1');
    expect(total).toBeGreaterThan(10);

    await page().goto(`${baseUrl}${ARTICLE_LIST}?channel=legal-education`);
    const list = await settledOn(page(), ARTICLE_LIST);
    await expect.poll(() => list.getByRole('tab', { name: '普法宣传' }).getAttribute('aria-selected')).toBe('true');
    const items = list.locator('.article-list .article-item');
    await expect.poll(() => items.count()).toBe(10);
    // Clicked without scrolling to it: scrolling to the end of the list loads the next page by itself.
    await list.getByRole('button', { name: '加载更多' }).evaluate((button) => (button as HTMLElement).click());
    await list.getByText(`已显示全部 ${total} 篇`).waitFor();
    expect(await items.count()).toBe(total);
    const titles = await items.locator('.article-item__title').allInnerTexts();
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('renders an article body without running anything in it', async () => {
    const token = await staffToken(baseUrl);
    const payloads = [
      '<p>正文开头</p>',
      '<script>window.__xss = 1; alert(1)</script>',
      '<img src="x" onerror="window.__xss = 2">',
      '<p onclick="window.__xss = 3" onmouseover="alert(3)">带事件属性的段落</p>',
      '<a href="javascript:window.__xss=4">脚本链接</a>',
      '<iframe src="https://evil.example/" onload="window.__xss=5"></iframe>',
      '<svg><script>window.__xss = 6</script></svg>',
      '<p style="background:url(javascript:alert(7))">带样式的段落</p>',
      '<a href="https://www.mva.gov.cn/">退役军人事务部网站</a>',
      '<p>正文结尾</p>',
    ];
    const created = await api<{ id: number }>(
      baseUrl,
      'POST',
      '/staff/articles',
      { channel: 'legal-education', title: '安全渲染测试文章', body: payloads.join('') },
      token,
    );
    await api(baseUrl, 'POST', `/staff/articles/${created.id}/publish`, undefined, token);

    const seen = watchForScripts(page());
    await page().goto(`${baseUrl}${ARTICLE_DETAIL}?id=${created.id}`);
    const detail = await settledOn(page(), ARTICLE_DETAIL);
    const body = detail.locator('.article-body');
    await body.getByText('正文结尾').waitFor();
    await body.getByText('带事件属性的段落').waitFor();
    await page().waitForTimeout(500);

    expect(await page().evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(seen.dialogs).toEqual([]);
    const found = await body.evaluate((element) => {
      const all = Array.from(element.querySelectorAll('*'));
      return {
        scripts: element.querySelectorAll('script, iframe, svg, object, embed').length,
        handlers: all.filter((node) => Array.from(node.attributes).some((a) => a.name.startsWith('on'))).length,
        scriptLinks: all.filter((node) => /javascript:/i.test(node.getAttribute('href') ?? '')).length,
        styles: all.filter((node) => /javascript/i.test(node.getAttribute('style') ?? '')).length,
        links: Array.from(element.querySelectorAll('a')).map((a) => [a.getAttribute('href'), a.getAttribute('rel')]),
      };
    });
    expect(found).toEqual({
      scripts: 0,
      handlers: 0,
      scriptLinks: 0,
      styles: 0,
      links: [['https://www.mva.gov.cn/', 'noopener noreferrer']],
    });
    await screenshot(page(), 'content-safe-rendering');
  });

  it('lets staff write, preview and publish an article with an image, which the public then reads', async () => {
    const title = `关于开展春季走访慰问活动的通知（测试${Date.now() % 100000}）`;
    const workbench = await signInAsStaff(page(), baseUrl, DEMO_DISTRICT_STAFF);
    await workbench.getByRole('button', { name: '文章管理' }).click();
    const admin = await settledOn(page(), CONTENT_ADMIN);
    await admin.getByText(/共 \d+ 篇/).waitFor();
    await admin.getByRole('button', { name: '新建文章' }).click();

    const editor = await settledOn(page(), CONTENT_EDITOR);
    await editor.getByRole('radio', { name: '通知公告' }).click();
    await editor.getByRole('textbox', { name: '标题' }).fill(title);
    await editor.getByRole('radio', { name: '置顶', exact: true }).click();
    await editor
      .getByRole('textbox', { name: '正文' })
      .fill('各社区服务站：\n\n春节前将走访慰问辖区内困难退役军人。\n\n请于本月底前报送名单。');
    await editor.getByLabel('插入图片').setInputFiles({ name: '走访.png', mimeType: 'image/png', buffer: tinyPng() });
    await expect.poll(() => editor.getByRole('textbox', { name: '正文' }).inputValue()).toContain('/api/v1/uploads/');

    await editor.getByRole('button', { name: '预览' }).click();
    const preview = editor.getByRole('region', { name: '预览' });
    await preview.getByText('春节前将走访慰问辖区内困难退役军人。').waitFor();
    // The draft's image is shown to its uploader through the authenticated upload route.
    await expect
      .poll(() => preview.locator('img').evaluate((image) => (image as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    await screenshot(page(), 'content-editor-preview');

    await editor.getByRole('button', { name: '发布' }).click();
    await editor.locator('.editor-status').getByText('已发布').waitFor();
    await editor.getByRole('button', { name: '下线' }).waitFor();
    await screenshot(page(), 'content-editor-published');

    // The public (a fresh context, no session) sees it pinned on the home page and reads it.
    const visitor = await page()
      .context()
      .browser()
      ?.newContext({ viewport: { width: 390, height: 844 } });
    if (!visitor) throw new Error('no browser');
    const reader = await visitor.newPage();
    try {
      await reader.goto(`${baseUrl}${HOME}`);
      const home = await settledOn(reader, HOME);
      await home.getByRole('link', { name: new RegExp(`^置顶 ?${title.replace(/[()（）]/g, '.')}`) }).click();
      const detail = await settledOn(reader, ARTICLE_DETAIL);
      await detail.getByText('春节前将走访慰问辖区内困难退役军人。').waitFor();
      const image = detail.locator('.article-body img');
      expect(await image.getAttribute('src')).toMatch(/^\/api\/v1\/articles\/images\/[A-Za-z0-9_-]+$/);
      await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(1);
      await screenshot(reader, 'content-published-article');
    } finally {
      await visitor.close();
    }
  });
});
