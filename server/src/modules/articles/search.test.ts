import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articles } from '../../db/schema/index';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { containsAny, containsPattern, escapeLike } from './search';

describe('escapeLike', () => {
  it('escapes the LIKE wildcards and the escape character', () => {
    expect(escapeLike('优待证')).toBe('优待证');
    expect(escapeLike('99%')).toBe('99!%');
    expect(escapeLike('a_b')).toBe('a!_b');
    expect(escapeLike('!')).toBe('!!');
    expect(escapeLike('%_!%')).toBe('!%!_!!!%');
    expect(escapeLike('\\')).toBe('\\');
    expect(containsPattern('5%')).toBe('%5!%%');
  });
});

/**
 * Search over a realistic amount of content: 1,000 published articles with ~900-character Chinese bodies
 * (2.7 MB of text), 10 of which mention 优待证. How fast it is belongs to the benchmarks, not here.
 */
describe('search over 1,000 articles', () => {
  let ctx: TestApp;
  const ARTICLES = 1000;

  beforeAll(async () => {
    ctx = await createTestApp();
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const words = [
      '退役军人',
      '服务中心',
      '社会保险',
      '就业创业',
      '教育培训',
      '抚恤补助',
      '法律援助',
      '困难帮扶',
      '政策解读',
      '街道社区',
      '办理流程',
      '申请材料',
      '工作日',
      '承诺时限',
      '走访慰问',
      '双拥共建',
    ];
    const paragraph = () => Array.from({ length: 60 }, () => words[Math.floor(random() * words.length)]).join('，');
    for (let batch = 0; batch < ARTICLES / 100; batch += 1) {
      await ctx.app.db.insert(articles).values(
        Array.from({ length: 100 }, (_, i) => {
          const n = batch * 100 + i;
          const text = `${paragraph()}。${n % 100 === 7 ? '凭退役军人优待证享受优待。' : ''}${paragraph()}。${paragraph()}。`;
          return {
            channel: 'policy' as const,
            status: 'published' as const,
            title: `政策文章 ${n}`,
            body: `<p>${text}</p>`,
            bodyText: text,
            publishedAt: new Date(Date.UTC(2025, 0, 1) + n * 60_000),
          };
        }),
      );
    }
  }, 120_000);
  afterAll(() => ctx.close());

  it('finds exactly the articles that contain the word', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: `/api/v1/articles?q=${encodeURIComponent('优待证')}` });
    expect(response.json().total).toBe(ARTICLES / 100);

    const direct = await ctx.app.db
      .select({ id: articles.id })
      .from(articles)
      .where(containsAny([articles.title, articles.bodyText], '优待证'));
    expect(direct).toHaveLength(ARTICLES / 100);
    const none = await ctx.app.inject({ method: 'GET', url: `/api/v1/articles?q=${encodeURIComponent('无此词')}` });
    expect(none.json().total).toBe(0);
  });
});
