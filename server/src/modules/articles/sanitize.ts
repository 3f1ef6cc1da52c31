import sanitizeHtml, { type Attributes, type IFrame, type IOptions, type Tag } from 'sanitize-html';

/**
 * The server-side sanitiser of article bodies 正文, run on every write: sanitize-html (on htmlparser2) with an
 * allow-list. Only the elements and attributes below are written, every text and attribute value is escaped,
 * attribute values are always double-quoted, and links and images are checked after entity decoding:
 *
 * - elements: p, br, strong, em, u, h2–h4, ul, ol, li, blockquote, a, img, table, thead, tbody, tr, th, td
 *   (b → strong, i → em, h1 → h2, h5/h6 → h4, div and other blocks → p; unknown inline elements are
 *   unwrapped, their text kept; elements left empty are left out; the nesting is htmlparser2's reading of the
 *   input, so a list item or table part written out of place stays where it was written);
 * - dropped with everything inside: script, style, iframe, object, embed, svg, math, template, noscript,
 *   textarea, title, select, form controls, media; dropped outright: base, meta, link, input, …;
 * - attributes: a[href, title] — href only absolute http, https or mailto, written normalised, with
 *   rel="noopener noreferrer" (and target="_blank" for web links); img[src, alt, title, width, height] — src
 *   only our own uploads (`/api/v1/uploads/<id>`, written as its public `/api/v1/articles/images/<id>`), so
 *   no foreign images track readers; th/td[colspan, rowspan];
 *   nothing else (no on* handlers, no style, no class, no id, no srcdoc, no formaction).
 *
 * What comes out contains no raw-text or foreign-content element and no unescaped `<`, so whatever parses it
 * again (a browser, a mini-program rich-text component, this sanitiser) finds only allowed elements and
 * attributes: no mutation XSS. Sanitising the output again gives it back unchanged.
 */

export interface SanitizedBody {
  /** Safe HTML to store and render. */
  html: string;
  /** Plain text of the body (tags stripped, entities decoded, whitespace collapsed), for search and summaries. */
  text: string;
}

const ALLOWED_TAGS = [
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
];

const BLOCK_AS_PARAGRAPH = [
  'div',
  'section',
  'article',
  'header',
  'footer',
  'nav',
  'main',
  'aside',
  'figure',
  'figcaption',
  'address',
  'center',
  'pre',
  'dl',
  'dt',
  'dd',
];

const ALIASES: Record<string, string> = {
  b: 'strong',
  i: 'em',
  h1: 'h2',
  h5: 'h4',
  h6: 'h4',
  ...Object.fromEntries(BLOCK_AS_PARAGRAPH.map((name) => [name, 'p'])),
};

/** Removed together with their content (sanitize-html's `nonTextTags`). */
const DROP_WITH_CONTENT = [
  'script',
  'style',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
  'plaintext',
  'textarea',
  'title',
  'template',
  'svg',
  'math',
  'object',
  'applet',
  'select',
  'option',
  'optgroup',
  'datalist',
  'button',
  'head',
  'frameset',
  'video',
  'audio',
  'canvas',
  'picture',
  'map',
  'marquee',
];

/**
 * What a link or image with an unusable URL becomes in the first pass: a mark, unwrapped by the next pass as any
 * unknown element is (a link keeps its text). Not unwrapped at once: sanitize-html (2.18) forgets to drop the
 * rename of an element it renames to a tag it then leaves out, and closes the next element at that depth under
 * the stale name, so a kept link after a removed one was written `<a …>text</unwrapped>` and, that end tag
 * dropped, swallowed the rest of the article.
 */
const UNWRAP = 'unwrapped';

/** Elements that stay in the output even when empty: a table keeps its shape, a list its items; br and img are empty. */
const KEEP_EMPTY = new Set(['td', 'th', 'tr', 'thead', 'tbody', 'table', 'li', 'br', 'img']);
/** Elements that do not take text directly (browsers would move it out in front of the table). */
const NO_DIRECT_TEXT = new Set(['table', 'thead', 'tbody', 'tr']);
/** Where a line break goes in the plain-text copy. */
const TEXT_BREAK = new Set(['p', 'br', 'li', 'h2', 'h3', 'h4', 'blockquote', 'tr', 'td', 'th', 'table', 'ul', 'ol']);

const MAX_DEPTH = 48;
const MAX_URL_LENGTH = 2048;

/** Where the public reads an article image: `GET /articles/images/:id` (see images.ts). */
export const ARTICLE_IMAGE_PREFIX = '/api/v1/articles/images/';
/** Our own uploads, as `POST /uploads` names them, or as already rewritten for the public. */
const IMAGE_SOURCE = /^\/api\/v1\/(?:uploads|articles\/images)\/([A-Za-z0-9_-]{16,64})$/;
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

// biome-ignore lint/suspicious/noControlCharactersInRegex: trimming control characters is the point
const URL_EDGES = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
/** Control characters and invisible formatting marks: a URL containing one is refused rather than guessed at. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const URL_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const ATTRIBUTE_CONTROLS = /[\u0000-\u001f\u007f]/g;
/** Control characters but tab and newline. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const TEXT_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * Browsers drop tabs and newlines anywhere in a URL and C0 controls/spaces at its ends; so do we, then check.
 * (The parser has already decoded character references, so `jav&#x09;ascript:` arrives here as `jav\tascript:`.)
 */
function urlAsBrowsersRead(raw: string): string | null {
  const value = raw.replace(/[\t\n\r]/g, '').replace(URL_EDGES, '');
  if (value.length === 0 || value.length > MAX_URL_LENGTH) return null;
  if (URL_FORBIDDEN.test(value)) return null;
  return value;
}

/** An absolute http, https or mailto URL, normalised by the WHATWG URL parser (the one browsers use); else null. */
export function safeLinkHref(raw: string): string | null {
  const value = urlAsBrowsersRead(raw);
  if (value === null) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null; // relative, or not a URL at all
  }
  if (!LINK_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && url.hostname === '') return null;
  if (url.username || url.password) return null; // https://trusted.example@evil.example/
  // Normalising percent-encodes: checked again, so that a link kept once is kept by every later pass.
  if (url.href.length > MAX_URL_LENGTH) return null;
  return url.href;
}

/**
 * Only images uploaded through our own upload service: `/api/v1/uploads/<id>` as the editor inserts it,
 * written as `/api/v1/articles/images/<id>` — the public route that serves a staff upload to anyone once a
 * published article shows it (`GET /uploads/:id` is for the uploader only).
 */
export function safeImageSrc(raw: string): string | null {
  const value = urlAsBrowsersRead(raw);
  const match = value === null ? null : IMAGE_SOURCE.exec(value);
  return match ? `${ARTICLE_IMAGE_PREFIX}${match[1]}` : null;
}

/** A short plain attribute (alt, title): controls removed, trimmed, capped. */
function plainAttribute(raw: string | undefined, max = 200): string {
  return (raw ?? '').replace(ATTRIBUTE_CONTROLS, ' ').trim().slice(0, max).trim();
}

function smallNumber(raw: string | undefined, max: number): string | null {
  if (raw === undefined || !/^\s*\d{1,4}\s*$/.test(raw)) return null;
  const value = Number(raw.trim());
  return value >= 1 && value <= max ? String(value) : null;
}

/** Text as it may stand in the output: newlines normalised, no control characters except tab and newline. */
function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(TEXT_CONTROLS, '');
}

/** sanitize-html's textFilter: `tagName` is the element the text stands in. */
function filterText(text: string, tagName: string): string {
  return NO_DIRECT_TEXT.has(tagName) ? '' : cleanText(text);
}

/** A link: its href checked and normalised, title kept, target and rel set; no usable href, no link. */
function transformLink(_name: string, attributes: Attributes): Tag {
  const href = safeLinkHref(attributes.href ?? '');
  if (href === null) return { tagName: UNWRAP, attribs: {} };
  const attribs: Attributes = { href };
  const title = plainAttribute(attributes.title);
  if (title) attribs.title = title;
  if (!href.startsWith('mailto:')) attribs.target = '_blank';
  attribs.rel = 'noopener noreferrer';
  return { tagName: 'a', attribs };
}

/** An image: only our own uploads, src written as the public article-image path; alt always written. */
function transformImage(_name: string, attributes: Attributes): Tag {
  const src = safeImageSrc(attributes.src ?? '');
  if (src === null) return { tagName: UNWRAP, attribs: {} };
  const attribs: Attributes = { src, alt: plainAttribute(attributes.alt) };
  const title = plainAttribute(attributes.title);
  if (title) attribs.title = title;
  for (const dimension of ['width', 'height']) {
    const value = smallNumber(attributes[dimension], 4000);
    if (value) attribs[dimension] = value;
  }
  return { tagName: 'img', attribs };
}

function transformCell(name: string, attributes: Attributes): Tag {
  const attribs: Attributes = {};
  for (const span of ['colspan', 'rowspan']) {
    const value = smallNumber(attributes[span], 100);
    if (value) attribs[span] = value;
  }
  return { tagName: name, attribs };
}

/** Marks a kept element's text so that its parent, whose `text` collects it, does not count as empty. */
const HAS_CONTENT = '\ufffc';

/**
 * Leaves out an element with nothing inside (`<p></p>`, `<strong></strong>`, what stray end tags and pasting
 * leave). sanitize-html hands each element's text on to its parent after this filter keeps it; an element
 * kept without text (an image, a line break, an empty cell, or one holding only those) hands on a mark instead.
 */
function leaveOutEmpty(frame: IFrame): boolean {
  if (cleanText(frame.text) !== '') return false;
  if (!KEEP_EMPTY.has(frame.tag)) return true;
  frame.text = HAS_CONTENT;
  return false;
}

const OPTIONS: IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'], // an empty alt is written (sanitize-html's allowedEmptyAttributes)
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  // Checked again by sanitize-html after the transforms below, which only ever write these.
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DROP_WITH_CONTENT,
  transformTags: { ...ALIASES, a: transformLink, img: transformImage, td: transformCell, th: transformCell },
  exclusiveFilter: leaveOutEmpty,
  textFilter: filterText,
  nestingLimit: MAX_DEPTH,
};

/** The first pass: the policy above, with unusable links and images left as marks. */
const MARKING_OPTIONS: IOptions = { ...OPTIONS, allowedTags: [...ALLOWED_TAGS, UNWRAP] };

/** One run of sanitize-html with the policy above (or the marking variant of it). */
function clean(html: string, options: IOptions = OPTIONS): string {
  return sanitizeHtml(html, options).trim();
}

const ESCAPED: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** The text of sanitised HTML: blocks and line breaks separated by spaces, image alt texts included. */
function plainText(html: string): string {
  const parts: string[] = [];
  sanitizeHtml(html, {
    allowedTags: [],
    onOpenTag: (name, attributes) => {
      if (TEXT_BREAK.has(name)) parts.push('\n');
      if (name === 'img' && attributes.alt) parts.push(` ${attributes.alt} `);
    },
    onCloseTag: (name) => {
      if (TEXT_BREAK.has(name)) parts.push('\n');
    },
    // sanitize-html passes text escaped (`&`, `<`, `>` only); the copy for search wants it as written.
    textFilter: (text) => {
      parts.push(text.replace(/&(?:amp|lt|gt);/g, (reference) => ESCAPED[reference] ?? reference));
      return '';
    },
  });
  return parts
    .join('')
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();
}

/** Sanitises an article body; see the comment at the top of this file for the rules. */
export function sanitizeArticleHtml(input: string): SanitizedBody {
  // sanitize-html writes the tree htmlparser2 read, minus what it leaves out. The first pass applies the policy
  // and marks unusable links and images; the second unwraps the marks. Renaming (div → p) and unwrapping (a span,
  // a mark) can leave a nesting the parser reads differently next time (a p inside a p, li directly inside li),
  // so the result is cleaned once more: that last reading settles it, and the stored HTML then re-sanitises to
  // itself. (A link or image the first pass keeps, the later passes keep too: they never leave out a renamed tag.)
  const html = clean(clean(clean(input, MARKING_OPTIONS)));
  return { html, text: plainText(html) };
}
