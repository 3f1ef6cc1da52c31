import { decodeEntities, escapeAttribute, escapeText } from './entities';
import { type Token, tokenize } from './html-tokens';

/**
 * The server-side sanitiser of article bodies 正文, run on every write. An allow-list, output rebuilt from
 * scratch: only the elements and attributes below are written, every text and attribute value is escaped,
 * attribute values are always double-quoted, and links and images are checked after entity decoding:
 *
 * - elements: p, br, strong, em, u, h2–h4, ul, ol, li, blockquote, a, img, table, thead, tbody, tr, th, td
 *   (b → strong, i → em, h1 → h2, h5/h6 → h4, div and other blocks → p; unknown inline elements are
 *   unwrapped, their text kept);
 * - dropped with everything inside: script, style, iframe, object, embed, svg, math, template, noscript,
 *   textarea, title, select, form controls, media; dropped outright: base, meta, link, input, …;
 * - attributes: a[href, title] — href only absolute http, https or mailto, written normalised, with
 *   rel="noopener noreferrer" (and target="_blank" for web links); img[src, alt, title, width, height] — src
 *   only our own uploads (`/api/v1/uploads/<id>`, written as its public `/api/v1/articles/images/<id>`), so
 *   no foreign images track readers; th/td[colspan, rowspan];
 *   nothing else (no on* handlers, no style, no class, no id, no srcdoc, no formaction).
 *
 * What comes out contains no raw-text or foreign-content element and no unescaped `<`, so parsing it again
 * (in a browser, a mini-program rich-text component, or this sanitiser) gives the same tree: no mutation XSS.
 */

export interface SanitizedBody {
  /** Safe HTML to store and render. */
  html: string;
  /** Plain text of the body (tags stripped, entities decoded, whitespace collapsed), for search and summaries. */
  text: string;
}

const ALLOWED = new Set([
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

/** Removed together with their content. */
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
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
]);

/** Elements that never have content (allowed or not: the disallowed ones are simply left out). */
const VOID = new Set([
  'area',
  'base',
  'basefont',
  'bgsound',
  'br',
  'col',
  'embed',
  'frame',
  'hr',
  'image',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

const BLOCKS_CLOSING_P = new Set(['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'blockquote', 'table']);
const HEADINGS = new Set(['h2', 'h3', 'h4']);
/** Elements a p, list item or heading is never closed across. */
const TABLE_BOUNDARY = new Set(['table', 'td', 'th']);
/** Elements that stay in the output even when empty. */
const KEEP_EMPTY = new Set(['td', 'th', 'tr', 'thead', 'tbody', 'table', 'li']);
/** Elements that do not take text directly (browsers move it out of tables). */
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

/** Browsers drop tabs and newlines anywhere in a URL and C0 controls/spaces at its ends; so do we, then check. */
function urlAsBrowsersRead(raw: string): string | null {
  const value = decodeEntities(raw)
    .replace(/[\t\n\r]/g, '')
    .replace(URL_EDGES, '');
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

/** A short plain attribute (alt, title): decoded, controls removed, trimmed, capped. */
function plainAttribute(raw: string, max = 200): string {
  return decodeEntities(raw).replace(ATTRIBUTE_CONTROLS, ' ').trim().slice(0, max);
}

function smallNumber(raw: string | undefined, max: number): string | null {
  if (raw === undefined || !/^\s*\d{1,4}\s*$/.test(raw)) return null;
  const value = Number(raw.trim());
  return value >= 1 && value <= max ? String(value) : null;
}

/** The attributes written for an allowed element, or null when the element is useless without them. */
function attributesFor(name: string, attributes: Map<string, string>): string | null {
  const out: string[] = [];
  const add = (attribute: string, value: string) => out.push(` ${attribute}="${escapeAttribute(value)}"`);
  if (name === 'a') {
    const href = safeLinkHref(attributes.get('href') ?? '');
    if (href === null) return null;
    add('href', href);
    const title = plainAttribute(attributes.get('title') ?? '');
    if (title) add('title', title);
    if (!href.startsWith('mailto:')) add('target', '_blank');
    add('rel', 'noopener noreferrer');
  } else if (name === 'img') {
    const src = safeImageSrc(attributes.get('src') ?? '');
    if (src === null) return null;
    add('src', src);
    add('alt', plainAttribute(attributes.get('alt') ?? ''));
    const title = plainAttribute(attributes.get('title') ?? '');
    if (title) add('title', title);
    for (const dimension of ['width', 'height']) {
      const value = smallNumber(attributes.get(dimension), 4000);
      if (value) add(dimension, value);
    }
  } else if (name === 'td' || name === 'th') {
    for (const span of ['colspan', 'rowspan']) {
      const value = smallNumber(attributes.get(span), 100);
      if (value) add(span, value);
    }
  }
  return out.join('');
}

/** Text as it may stand in the output: no NULs or other control characters except tab and newline. */
function cleanText(value: string): string {
  return value.replace(TEXT_CONTROLS, '');
}

interface OpenElement {
  name: string;
  /** Index in the output of its start tag, to take an empty element back out. */
  startIndex: number;
}

class Writer {
  readonly out: string[] = [];
  readonly text: string[] = [];
  readonly stack: OpenElement[] = [];

  private indexOf(name: string, boundaries: ReadonlySet<string> = new Set()): number {
    for (let i = this.stack.length - 1; i >= 0; i -= 1) {
      const open = this.stack[i] as OpenElement;
      if (open.name === name) return i;
      if (boundaries.has(open.name)) return -1;
    }
    return -1;
  }

  /** The innermost open element of `names`, or -1; stops at the first of `boundaries`. */
  private indexOfAny(names: ReadonlySet<string>, boundaries: ReadonlySet<string>): number {
    for (let i = this.stack.length - 1; i >= 0; i -= 1) {
      const open = this.stack[i] as OpenElement;
      if (names.has(open.name)) return i;
      if (boundaries.has(open.name)) return -1;
    }
    return -1;
  }

  private closeTo(index: number): void {
    while (this.stack.length > index) {
      const open = this.stack.pop() as OpenElement;
      if (this.out.length === open.startIndex + 1 && !KEEP_EMPTY.has(open.name)) {
        this.out.pop(); // nothing inside: leave the element out
      } else {
        this.out.push(`</${open.name}>`);
      }
      if (TEXT_BREAK.has(open.name)) this.text.push('\n');
    }
  }

  private get top(): string | undefined {
    return this.stack[this.stack.length - 1]?.name;
  }

  /** Applies the implied end tags and parent rules; false when the element cannot go here (unwrapped). */
  private makeRoomFor(name: string): boolean {
    if (BLOCKS_CLOSING_P.has(name)) {
      const p = this.indexOf('p', TABLE_BOUNDARY);
      if (p !== -1) this.closeTo(p);
    }
    if (HEADINGS.has(name) && this.top && HEADINGS.has(this.top)) this.closeTo(this.stack.length - 1);
    switch (name) {
      case 'a': {
        const a = this.indexOf('a');
        if (a !== -1) this.closeTo(a);
        return true;
      }
      case 'li': {
        const item = this.indexOfAny(new Set(['li']), new Set(['ul', 'ol', ...TABLE_BOUNDARY]));
        if (item !== -1) this.closeTo(item);
        return this.indexOfAny(new Set(['ul', 'ol']), TABLE_BOUNDARY) !== -1;
      }
      case 'td':
      case 'th': {
        const cell = this.indexOfAny(new Set(['td', 'th']), new Set(['tr', 'table']));
        if (cell !== -1) this.closeTo(cell);
        return this.top === 'tr';
      }
      case 'tr': {
        const row = this.indexOfAny(new Set(['tr']), new Set(['thead', 'tbody', 'table']));
        if (row !== -1) this.closeTo(row);
        return this.top === 'table' || this.top === 'thead' || this.top === 'tbody';
      }
      case 'thead':
      case 'tbody': {
        const section = this.indexOfAny(new Set(['thead', 'tbody']), new Set(['table']));
        if (section !== -1) this.closeTo(section);
        return this.top === 'table';
      }
      default:
        if (this.top !== undefined && NO_DIRECT_TEXT.has(this.top)) return false;
        return true;
    }
  }

  start(name: string, attributes: Map<string, string>): void {
    if (this.stack.length >= MAX_DEPTH) return;
    const written = attributesFor(name, attributes);
    if (written === null) return;
    if (!this.makeRoomFor(name)) return;
    this.out.push(`<${name}${written}>`);
    if (VOID.has(name)) {
      if (name === 'br') this.text.push('\n');
      if (name === 'img') {
        const alt = plainAttribute(attributes.get('alt') ?? '');
        if (alt) this.text.push(` ${alt} `);
      }
      return;
    }
    this.stack.push({ name, startIndex: this.out.length - 1 });
  }

  end(name: string): void {
    const boundaries = TABLE_BOUNDARY.has(name) || name === 'tr' || name === 'thead' || name === 'tbody';
    const index = this.indexOf(name, boundaries ? new Set() : TABLE_BOUNDARY);
    if (index !== -1) this.closeTo(index);
  }

  characters(value: string): void {
    const clean = cleanText(value);
    if (clean === '') return;
    if (this.top !== undefined && NO_DIRECT_TEXT.has(this.top)) return;
    this.out.push(escapeText(clean));
    this.text.push(clean);
  }

  finish(): SanitizedBody {
    this.closeTo(0);
    return {
      html: this.out.join('').trim(),
      text: this.text
        .join('')
        .replace(/[\s\u00a0\u3000]+/g, ' ')
        .trim(),
    };
  }
}

/** Sanitises an article body; see the comment at the top of this file for the rules. */
export function sanitizeArticleHtml(input: string): SanitizedBody {
  const writer = new Writer();
  let dropping: { name: string; depth: number } | null = null;
  for (const token of tokenize(input) as Iterable<Token>) {
    if (dropping) {
      if (token.type === 'start' && token.name === dropping.name && !token.selfClosing) dropping.depth += 1;
      if (token.type === 'end' && token.name === dropping.name) {
        dropping.depth -= 1;
        if (dropping.depth === 0) dropping = null;
      }
      continue;
    }
    if (token.type === 'text') {
      writer.characters(decodeEntities(token.value));
      continue;
    }
    if (token.type === 'start') {
      if (DROP_WITH_CONTENT.has(token.name)) {
        // <svg/> and <math/> really are empty; other self-closing flags mean nothing in HTML.
        const empty = token.selfClosing && (token.name === 'svg' || token.name === 'math');
        if (!empty) dropping = { name: token.name, depth: 1 };
        continue;
      }
      const name = ALIASES[token.name] ?? token.name;
      if (ALLOWED.has(name)) writer.start(name, token.attributes);
      continue;
    }
    const name = ALIASES[token.name] ?? token.name;
    if (ALLOWED.has(name) && !VOID.has(name)) writer.end(name);
  }
  return writer.finish();
}
