import { describe, expect, it } from 'vitest';
import { apiOrigin, htmlToText, looksUnsafe, prepareArticleHtml, textToParagraphs } from './html';

describe('apiOrigin', () => {
  it('is the origin of an absolute API base, nothing for a relative one', () => {
    expect(apiOrigin('https://api.example.gov.cn/api/v1')).toBe('https://api.example.gov.cn');
    expect(apiOrigin('http://127.0.0.1:3000/api/v1')).toBe('http://127.0.0.1:3000');
    expect(apiOrigin('/api/v1')).toBe('');
  });
});

describe('prepareArticleHtml', () => {
  const sanitised =
    '<p>见下图</p><p><img src="/api/v1/articles/images/abcdefghijklmnop1234" alt="示意图"></p>' +
    '<p><a href="https://www.mva.gov.cn/" target="_blank" rel="noopener noreferrer">退役军人事务部</a></p>';

  it('makes our image paths absolute (mini-program) and fits images to the width', () => {
    const html = prepareArticleHtml(sanitised, 'https://api.example.gov.cn');
    expect(html).toContain('src="https://api.example.gov.cn/api/v1/articles/images/abcdefghijklmnop1234"');
    expect(html).toMatch(/<img [^>]*style="max-width:100%;height:auto;/);
    expect(html).toContain('<a href="https://www.mva.gov.cn/"');
  });

  it('keeps them relative on H5 (same origin)', () => {
    expect(prepareArticleHtml(sanitised, '')).toContain('src="/api/v1/articles/images/abcdefghijklmnop1234"');
  });

  it.each([
    '<p>hi</p><script>alert(1)</script>',
    '<p onclick="alert(1)">hi</p>',
    '<img src="/api/v1/articles/images/abcdefghijklmnop1234" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<svg><script>alert(1)</script></svg>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
  ])('shows anything the sanitiser would have removed as plain text: %s', (html) => {
    const out = prepareArticleHtml(html, '');
    expect(looksUnsafe(html)).toBe(true);
    expect(out).not.toMatch(/<(script|iframe|svg|a|img)\b/i);
    expect(out).not.toMatch(/\son[a-z]+=/i);
    expect(out.startsWith('<p>') || out === '').toBe(true);
  });

  it('leaves ordinary sanitised HTML alone, including text that merely mentions script', () => {
    const html = '<p>请勿点击陌生链接 &lt;script&gt; 或 onclick= 之类的字样。</p><ul><li>一</li></ul>';
    expect(looksUnsafe(html)).toBe(false);
    expect(prepareArticleHtml(html, '')).toBe(html);
  });
});

describe('text helpers', () => {
  it('turns blank-line separated text into escaped paragraphs', () => {
    expect(textToParagraphs('第一段\n第二行\n\n第二段 <b>&')).toBe(
      '<p>第一段<br>第二行</p><p>第二段 &lt;b&gt;&amp;</p>',
    );
    expect(textToParagraphs('  \n\n ')).toBe('');
  });

  it('reads the text of HTML', () => {
    expect(htmlToText('<p>甲&amp;乙</p><p>丙&#x4E01;</p>')).toBe('甲&乙\n丙丁');
  });
});
