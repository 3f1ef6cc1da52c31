// jsdom (parse5, the WHATWG parser) re-reads every output the way a browser would, independently of the
// htmlparser2 the sanitiser reads with.
// @ts-expect-error -- jsdom ships no type declarations (no @types/jsdom here); the few DOM types used are below.
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { safeImageSrc, safeLinkHref, sanitizeArticleHtml } from './sanitize';

const UPLOAD = '/api/v1/uploads/abcdefghijklmnop1234';
/** How the sanitiser writes it: the public article-image route. */
const IMAGE = '/api/v1/articles/images/abcdefghijklmnop1234';

// The few DOM types used here (the server is type-checked without the DOM library).
interface DomAttribute {
  name: string;
}
interface DomElement {
  localName: string;
  namespaceURI: string | null;
  attributes: ArrayLike<DomAttribute>;
  children: ArrayLike<DomElement>;
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
interface DomDocument {
  head: DomElement;
  body: DomElement;
  createTreeWalker(root: DomElement, whatToShow: number): { nextNode(): unknown };
}
const { DOMParser } = new JSDOM('').window as {
  DOMParser: new () => { parseFromString(html: string, type: string): DomDocument };
};

/** OWASP XSS filter-evasion cheat sheet classics, mXSS payloads and a few of our own rules' edge cases. */
const payloads: string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>',
  '<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>',
  '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  "<IMG SRC=JaVaScRiPt:alert('XSS')>",
  '<IMG SRC=javascript:alert(&quot;XSS&quot;)>',
  '<IMG SRC=`javascript:alert("RSnake says, \'XSS\'")`>',
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
  '<IMG SRC=# onmouseover="alert(\'xxs\')">',
  '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
  '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">',
  '<img src=x:alert(alt) onerror=eval(src) alt=0>',
  '<img src=x onerror=alert(1)',
  `<img src="${UPLOAD}" alt="x" onerror="alert(1)">`,
  `<img alt="<script>alert(1)</script>" src="${UPLOAD}">`,
  '<img src="https://evil.example/track.png">',
  '<img src="data:image/png;base64,iVBORw0KGgo=">',
  '<img src="/api/v1/uploads/../../admin">',
  '<IMG SRC="jav&#x0D;ascript:alert(\'XSS\');">',
  '<a onmouseover="alert(document.cookie)">xxs link</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;">x</a>',
  '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29">x</a>',
  '<a href="jav\tascript:alert(\'XSS\');">x</a>',
  '<a href="jav&#x09;ascript:alert(\'XSS\');">x</a>',
  '<a href="jav&#x0A;ascript:alert(\'XSS\');">x</a>',
  '<a href=" &#14;  javascript:alert(\'XSS\');">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="ja&Tab;vascript:alert(1)">x</a>',
  '<a href="javascript&#0000058alert(1)">x</a>',
  '<a href="&#x20;javascript:alert(1)">x</a>',
  '<a href="\u0001javascript:alert(1)">x</a>',
  '<a href="java\u0000script:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="//evil.example/x">protocol-relative</a>',
  '<a href="https://user:pass@evil.example/">x</a>',
  '<a href="https://example.com" onclick=alert(1)//>x</a>',
  '<a title=\'x" onmouseover="alert(1)\' href="https://a.example">x</a>',
  '<svg onload=alert(1)>',
  "<svg/onload=alert('XSS')>",
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
  '<svg><style><img src=x onerror=alert(1)></style></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<math><maction xlink:href="javascript:alert(1)" actiontype="statusline">click</maction></math>',
  '<math href="javascript:alert(1)">CLICKME</math>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<iframe src="https://player.example/embed/1"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<object type="text/x-scriptlet" data="http://xss.rocks/scriptlet.html"></object>',
  '<embed src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciPjxzY3JpcHQ+YWxlcnQoMSk8L3NjcmlwdD48L3N2Zz4=">',
  "<style>@import'http://xss.rocks/xss.css';</style>",
  '<STYLE>li {list-style-image: url("javascript:alert(\'XSS\')");}</STYLE><UL><LI>XSS</br>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<DIV STYLE="width: expression(alert(\'XSS\'));">x</DIV>',
  '<base href="javascript:alert(\'XSS\');//">',
  '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
  '<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">',
  '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
  '<form action="javascript:alert(1)"><input type="submit" value="提交"></form>',
  '<form><button formaction="javascript:alert(1)">x</button></form>',
  '<TABLE BACKGROUND="javascript:alert(\'XSS\')"><TD BACKGROUND="javascript:alert(\'XSS\')">x',
  "<BODY ONLOAD=alert('XSS')>",
  '<isindex type=image src=1 onerror=alert(1)>',
  '<details open ontoggle=alert(1)>x</details>',
  '<video><source onerror="alert(1)"></video>',
  '<marquee onstart=alert(1)>x</marquee>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<textarea><script>alert(1)</script></textarea>',
  '<title><img src=x onerror=alert(1)></title>',
  '<xmp><img src=x onerror=alert(1)></xmp>',
  '<template><img src=x onerror=alert(1)></template>',
  '<![CDATA[<img src=x onerror=alert(1)>]]>',
  '<plaintext><img src=x onerror=alert(1)>',
  '<p><a href="https://a.example/"><p>nested <strong>unclosed <em>tags',
  '<img src="x" =onerror=alert(1) onerror\u000c=alert(1)>',
  '<a href="https://example.com/&quot; onmouseover=&quot;alert(1)">x</a>',
];

const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href', 'title', 'target', 'rel'],
  img: ['src', 'alt', 'title', 'width', 'height'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
};
const ALLOWED_ELEMENTS = new Set([
  'p',
  'br',
  'strong',
  'em',
  'u',
  'h2',
  'h3',
  'h4',
  'ul',
  'ol',
  'li',
  'blockquote',
  'a',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);

/** Every element and attribute of the output, as a browser's parser builds them. */
function checkAsBrowserParses(html: string): void {
  const document = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  // Nothing outside the body either (a stray <meta>/<base>/<link> would be hoisted into <head>).
  expect(document.head.children).toHaveLength(0);
  for (const element of Array.from(document.body.querySelectorAll('*'))) {
    expect(ALLOWED_ELEMENTS.has(element.localName), `element <${element.localName}>`).toBe(true);
    expect(element.namespaceURI).toBe('http://www.w3.org/1999/xhtml');
    for (const attribute of Array.from(element.attributes)) {
      expect(ALLOWED_ATTRIBUTES[element.localName] ?? [], `${element.localName}[${attribute.name}]`).toContain(
        attribute.name,
      );
    }
    if (element.localName === 'a') {
      expect(['http:', 'https:', 'mailto:']).toContain(new URL(element.getAttribute('href') ?? '').protocol);
      expect(element.getAttribute('rel')).toBe('noopener noreferrer');
    }
    if (element.localName === 'img') {
      expect(element.getAttribute('src')).toMatch(/^\/api\/v1\/articles\/images\/[A-Za-z0-9_-]{16,64}$/);
    }
  }
  const walker = document.createTreeWalker(document.body, 128 /* NodeFilter.SHOW_COMMENT */);
  expect(walker.nextNode()).toBeNull();
}

describe('sanitizeArticleHtml against XSS payloads', () => {
  it('has a long list of payloads', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(80);
  });

  it.each(payloads)('neutralises %s', (payload) => {
    const { html } = sanitizeArticleHtml(payload);
    expect(html).not.toMatch(
      /<\s*\/?\s*(script|style|iframe|object|embed|svg|math|base|meta|link|form|input|button|textarea|noscript|template|frame|xmp|title|plaintext|isindex|details|video|source|marquee|body)\b/i,
    );
    // Attribute names only (values are escaped text and may quote the payload harmlessly).
    const markup = html.replace(/"[^"]*"/g, '""');
    expect(markup).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    expect(markup).not.toMatch(/\s(style|srcdoc|formaction|xlink:href|action|background)\s*=/i);
    expect(html).not.toMatch(/="\s*(javascript|vbscript|data):/i);
    checkAsBrowserParses(html);
    // Stable: sanitising the output again changes nothing (what is stored is what is shown).
    expect(sanitizeArticleHtml(html).html).toBe(html);
  });

  it('keeps allowed content while removing what is not', () => {
    expect(sanitizeArticleHtml(`<img src="${UPLOAD}" alt="x" onerror="alert(1)">`).html).toBe(
      `<img src="${IMAGE}" alt="x" />`,
    );
    expect(sanitizeArticleHtml('<a title=\'x" onmouseover="alert(1)\' href="https://a.example">x</a>').html).toBe(
      '<a href="https://a.example/" title="x&quot; onmouseover=&quot;alert(1)" target="_blank" rel="noopener noreferrer">x</a>',
    );
    expect(sanitizeArticleHtml('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>').html).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
    expect(sanitizeArticleHtml('<a href="javascript:alert(1)">点这里</a>').html).toBe('点这里');
    expect(sanitizeArticleHtml('<iframe src="https://player.example/embed/1"></iframe><p>正文</p>').html).toBe(
      '<p>正文</p>',
    );
  });
});

describe('sanitizeArticleHtml on random tag soup', () => {
  const fragments = [
    '<',
    '>',
    '</',
    '/>',
    '"',
    "'",
    '=',
    ' ',
    '\t',
    '&',
    '&#x09;',
    '&colon;',
    '&lt;',
    ';',
    '<!--',
    '-->',
    '<![CDATA[',
    ']]>',
    'script',
    'img',
    'a',
    'svg',
    'math',
    'style',
    'iframe',
    'noscript',
    'textarea',
    'table',
    'td',
    'p',
    'li',
    'onerror',
    'onload',
    'href',
    'src',
    'srcdoc',
    'javascript:',
    'data:',
    'alert(1)',
    'https://a.example/',
    UPLOAD,
    '优待证',
  ];
  let seed = 20251001;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };

  it('never lets anything outside the allow-list through, and is stable (600 random inputs)', () => {
    for (let round = 0; round < 600; round += 1) {
      const length = 5 + Math.floor(random() * 40);
      const input = Array.from({ length }, () => fragments[Math.floor(random() * fragments.length)]).join('');
      const { html } = sanitizeArticleHtml(input);
      checkAsBrowserParses(html);
      expect(sanitizeArticleHtml(html).html, input).toBe(html);
    }
  });
});

describe('sanitizeArticleHtml on random articles mixing kept and removed links', () => {
  // An article drawn at random from a small model, and the HTML the sanitiser must write for it: removed links
  // (an unusable href) leave their text where it stood, kept ones are written in full, and nothing else moves.
  let seed = 20261126;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const REMOVED_HREFS = [
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'data:text/html,x',
    'vbscript:x',
    '/relative/path',
    '//evil.example/',
    'https://user:pass@evil.example/',
    '',
  ];

  interface Drawn {
    input: string;
    expected: string;
    /** The text of the article, in order. */
    text: string;
    /** The text of each kept link. */
    links: string[];
  }
  let token = 0;

  function inline(depth: number): Drawn {
    token += 1;
    const roll = random();
    if (roll < 0.3) return { input: `t${token}`, expected: `t${token}`, text: `t${token}`, links: [] };
    if (roll < 0.5) {
      const text = `k${token}`;
      const web = random() < 0.8;
      const href = web ? `https://k${token}.example/` : `mailto:k${token}@example.cn`;
      const attributes = web
        ? `href="${href}" target="_blank" rel="noopener noreferrer"`
        : `href="${href}" rel="noopener noreferrer"`;
      return { input: `<a href="${href}">${text}</a>`, expected: `<a ${attributes}>${text}</a>`, text, links: [text] };
    }
    if (roll < 0.7) {
      const href = pick(REMOVED_HREFS);
      const input = random() < 0.9 ? `<a href="${href}">r${token}</a>` : `<a>r${token}</a>`;
      return { input, expected: `r${token}`, text: `r${token}`, links: [] };
    }
    if (roll < 0.8) {
      return random() < 0.5
        ? { input: `<img src="${UPLOAD}">`, expected: `<img src="${IMAGE}" alt="" />`, text: '', links: [] }
        : { input: '<img src="https://evil.example/t.png">', expected: '', text: '', links: [] };
    }
    if (depth >= 2) return { input: `t${token}`, expected: `t${token}`, text: `t${token}`, links: [] };
    const tag = pick(['strong', 'em', 'u'] as const);
    const inner = run(depth + 1);
    return {
      input: `<${tag}>${inner.input}</${tag}>`,
      expected: inner.expected ? `<${tag}>${inner.expected}</${tag}>` : '',
      text: inner.text,
      links: inner.links,
    };
  }

  function join(parts: Drawn[]): Drawn {
    return {
      input: parts.map((part) => part.input).join(''),
      expected: parts.map((part) => part.expected).join(''),
      text: parts.map((part) => part.text).join(''),
      links: parts.flatMap((part) => part.links),
    };
  }

  function run(depth = 0): Drawn {
    return join(Array.from({ length: 1 + Math.floor(random() * 4) }, () => inline(depth)));
  }

  function block(): Drawn {
    const roll = random();
    if (roll < 0.15) return run(); // text and links straight in the body, between blocks
    if (roll < 0.35) {
      const items = Array.from({ length: 1 + Math.floor(random() * 3) }, () => run());
      return join([
        { input: '<ul>', expected: '<ul>', text: '', links: [] },
        ...items.map((item) => ({ ...item, input: `<li>${item.input}</li>`, expected: `<li>${item.expected}</li>` })),
        { input: '</ul>', expected: '</ul>', text: '', links: [] },
      ]);
    }
    const tag = pick(['p', 'p', 'p', 'h2', 'blockquote'] as const);
    const inner = run();
    return {
      ...inner,
      input: `<${tag}>${inner.input}</${tag}>`,
      expected: inner.expected ? `<${tag}>${inner.expected}</${tag}>` : '',
    };
  }

  it('keeps the author’s structure: kept links closed, their neighbours’ text never inside them (400 articles)', () => {
    for (let round = 0; round < 400; round += 1) {
      const article = join(Array.from({ length: 1 + Math.floor(random() * 6) }, block));
      const { html } = sanitizeArticleHtml(article.input);
      expect(html, article.input).toBe(article.expected);
      checkAsBrowserParses(html);
      // As a browser reads it: each link holds its own text and nothing more; all the text is there, in order.
      const document = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
      const links = Array.from(document.body.querySelectorAll('a')).map((link) => link.textContent);
      expect(links, article.input).toEqual(article.links);
      expect(document.body.textContent).toBe(article.text);
      expect(sanitizeArticleHtml(html).html).toBe(html);
    }
  });
});

describe('sanitizeArticleHtml on real content', () => {
  it('keeps the allowed formatting of an editor', () => {
    const body =
      '<h2>申领条件</h2><p>户籍在本区的<strong>退役军人</strong>，<em>可</em><u>申领</u>。</p>' +
      '<ul><li>身份证</li><li>退伍证</li></ul><ol><li>提交</li></ol><blockquote>引用</blockquote>' +
      '<table><thead><tr><th>事项</th><th colspan="2">时限</th></tr></thead><tbody><tr><td>优待证</td><td rowspan="1">20</td></tr></tbody></table>' +
      '<p><a href="https://www.mva.gov.cn/">退役军人事务部</a> <a href="mailto:office@example.cn">来信</a><br>' +
      `<img src="${UPLOAD}" alt="示意图" width="300" height="200"></p>`;
    const { html } = sanitizeArticleHtml(body);
    expect(html).toBe(
      '<h2>申领条件</h2><p>户籍在本区的<strong>退役军人</strong>，<em>可</em><u>申领</u>。</p>' +
        '<ul><li>身份证</li><li>退伍证</li></ul><ol><li>提交</li></ol><blockquote>引用</blockquote>' +
        '<table><thead><tr><th>事项</th><th colspan="2">时限</th></tr></thead><tbody><tr><td>优待证</td><td rowspan="1">20</td></tr></tbody></table>' +
        '<p><a href="https://www.mva.gov.cn/" target="_blank" rel="noopener noreferrer">退役军人事务部</a> ' +
        '<a href="mailto:office@example.cn" rel="noopener noreferrer">来信</a><br />' +
        `<img src="${IMAGE}" alt="示意图" width="300" height="200" /></p>`,
    );
    checkAsBrowserParses(html);
  });

  it('maps near-equivalents and tidies what editors and pasting produce', () => {
    expect(sanitizeArticleHtml('<h1>标题</h1><b>粗</b><i>斜</i><h6>小</h6>').html).toBe(
      '<h2>标题</h2><strong>粗</strong><em>斜</em><h4>小</h4>',
    );
    expect(sanitizeArticleHtml('<div><span style="color:red">一</span></div><div>二</div>').html).toBe(
      '<p>一</p><p>二</p>',
    );
    expect(sanitizeArticleHtml('<ul><li>一<li>二</ul><p>甲<p>乙').html).toBe(
      '<ul><li>一</li><li>二</li></ul><p>甲</p><p>乙</p>',
    );
    expect(sanitizeArticleHtml('<p></p><p><strong></strong>有</p>').html).toBe('<p>有</p>');
    // Not empty: a line break, or an image inside a link.
    expect(sanitizeArticleHtml(`<p><br></p><p><a href="https://a.example/"><img src="${UPLOAD}"></a></p>`).html).toBe(
      `<p><br /></p><p><a href="https://a.example/" target="_blank" rel="noopener noreferrer"><img src="${IMAGE}" alt="" /></a></p>`,
    );
  });

  it('closes a kept link that follows a removed one, wherever it stands (it used to swallow the rest)', () => {
    const kept = (text: string) =>
      `<a href="https://www.mva.gov.cn/" target="_blank" rel="noopener noreferrer">${text}</a>`;
    for (const [input, expected] of [
      [
        '<a href="javascript:alert(1)">坏</a><a href="https://www.mva.gov.cn/">好</a><p>后文</p>',
        `坏${kept('好')}<p>后文</p>`,
      ],
      [
        '<ul><li><a href="javascript:x">坏</a></li><li><a href="https://www.mva.gov.cn/">好</a>其余</li></ul><p>后文</p>',
        `<ul><li>坏</li><li>${kept('好')}其余</li></ul><p>后文</p>`,
      ],
      [
        '<p><a href="data:text/html,x">坏</a></p><p><strong>粗</strong>正文</p>',
        '<p>坏</p><p><strong>粗</strong>正文</p>',
      ],
      [
        '<img src="https://evil.example/t.png"><a href="https://www.mva.gov.cn/">好</a><p>后文</p>',
        `${kept('好')}<p>后文</p>`,
      ],
    ] as const) {
      const { html } = sanitizeArticleHtml(input);
      expect(html, input).toBe(expected);
      expect(sanitizeArticleHtml(html).html, input).toBe(html);
    }
  });

  it('unwraps a removed link around a block so that the output still re-sanitises to itself', () => {
    const { html } = sanitizeArticleHtml('<p><a href="javascript:x"><div>块</div></a>尾</p>');
    expect(sanitizeArticleHtml(html).html).toBe(html);
    expect(html).toContain('块');
    expect(html).not.toContain('unwrapped');
  });

  it('settles nestings that renaming and unwrapping leave, so the output re-sanitises to itself', () => {
    for (const [input, expected] of [
      ['<div><p>x</p></div>', '<p>x</p>'],
      ['<dl><dt>甲<dd>乙</dl>', '<p>甲</p><p>乙</p>'],
      ['<ul><li>一<span><li>二</li></span></li></ul>', '<ul><li>一</li><li>二</li></ul>'],
      ['<p><span><p>x</span>y', '<p>x</p>y'],
    ] as const) {
      const { html } = sanitizeArticleHtml(input);
      expect(html, input).toBe(expected);
      expect(sanitizeArticleHtml(html).html, input).toBe(html);
    }
  });

  it('gives the plain text for search, entities decoded and blocks separated', () => {
    const { text } = sanitizeArticleHtml(
      '<h2>退役军人优待证</h2><p>申领&nbsp;指南&amp;材料</p><script>secret()</script><ul><li>一</li><li>二</li></ul>',
    );
    expect(text).toBe('退役军人优待证 申领 指南&材料 一 二');
  });

  it('caps nesting depth', () => {
    const deep = `${'<blockquote>'.repeat(500)}深${'</blockquote>'.repeat(500)}`;
    const { html, text } = sanitizeArticleHtml(deep);
    expect(text).toBe('深');
    expect(html.match(/<blockquote>/g)?.length).toBeLessThanOrEqual(48);
  });
});

describe('URL rules', () => {
  it('allows absolute http, https and mailto links only, normalised', () => {
    expect(safeLinkHref('https://www.mva.gov.cn')).toBe('https://www.mva.gov.cn/');
    expect(safeLinkHref(' HTTP://Example.COM/a b ')).toBe('http://example.com/a%20b');
    expect(safeLinkHref('mailto:a@b.cn')).toBe('mailto:a@b.cn');
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'java\nscript:alert(1)',
      'jav&#x09;ascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      'file:///etc/passwd',
      'ftp://example.com/',
      '/relative',
      '//evil.example',
      '#top',
      'https://a@evil.example',
      `https://example.com/${'a'.repeat(3000)}`,
    ]) {
      expect(safeLinkHref(bad), bad).toBeNull();
    }
  });

  it('allows images from our uploads only, written as their public article-image path', () => {
    expect(safeImageSrc(UPLOAD)).toBe(IMAGE);
    expect(safeImageSrc(IMAGE)).toBe(IMAGE);
    expect(safeImageSrc('/api/v1/articles/images/x')).toBeNull();
    expect(safeImageSrc(`https://example.com${UPLOAD}`)).toBeNull();
    expect(safeImageSrc('/api/v1/uploads/short')).toBeNull();
    expect(safeImageSrc('/api/v1/uploads/abcdefghijklmnop1234?x=1')).toBeNull();
    expect(safeImageSrc('/api/v1/uploads/abcdefghijklmnop1234/../../x')).toBeNull();
  });
});
