/**
 * Article bodies arrive as HTML the server has sanitised on write (server/src/modules/articles/sanitize.ts: an
 * allow-list of p, br, strong, em, u, h2–h4, lists, blockquote, a, img of our own uploads, tables; no scripts,
 * no event handlers, no styles). The app renders that HTML with Taro's RichText on both targets: on the
 * mini-program rich-text shows only WeChat's allowed nodes, on H5 the same component. Before rendering it:
 *
 * - image sources become absolute URLs of our API (the mini-program has no origin to resolve `/api/v1/…`
 *   against) and images are fitted to the width;
 * - as a second line of defence, HTML that shows any trace of active content (a script-like element, an event
 *   handler attribute, a javascript: URL) — which the server never lets through — is shown as plain text.
 */

/** `http://host:3000/api/v1` → `http://host:3000`; a relative base (H5, same origin) → ''. */
export function apiOrigin(apiBase: string): string {
  const match = /^(https?:\/\/[^/]+)/i.exec(apiBase);
  return match?.[1] ?? '';
}

const ACTIVE_ELEMENT =
  /<\s*\/?\s*(script|style|iframe|frame|frameset|object|embed|applet|svg|math|form|input|button|textarea|select|link|meta|base|template)\b/i;
const EVENT_HANDLER = /<[^>]*\s(on[a-z]+)\s*=/i;
const SCRIPT_URL = /\s(href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(javascript|vbscript|data):/i;
const STYLE_ATTRIBUTE = /<[^>]*\sstyle\s*=/i;

/** Whether the HTML carries anything the server's sanitiser would have removed. */
export function looksUnsafe(html: string): boolean {
  return ACTIVE_ELEMENT.test(html) || EVENT_HANDLER.test(html) || SCRIPT_URL.test(html) || STYLE_ATTRIBUTE.test(html);
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The text of HTML: tags dropped (block ends as line breaks), entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\s*(br|\/p|\/li|\/h[2-4]|\/tr|\/blockquote)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
      return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text as paragraphs: blank lines separate paragraphs, single line breaks stay line breaks. */
export function textToParagraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

const IMAGE_STYLE = 'max-width:100%;height:auto;display:block;margin:8px 0;';

/**
 * The sanitised body, ready for RichText: our image paths made absolute against `origin` (empty on H5) and
 * sized to fit; a body with traces of active content as escaped plain text instead.
 */
export function prepareArticleHtml(html: string, origin: string): string {
  if (looksUnsafe(html)) return textToParagraphs(htmlToText(html));
  return html.replace(/<img\b([^>]*)>/gi, (_tag, attributes: string) => {
    const absolute = attributes.replace(
      /\ssrc="(\/api\/v1\/[^"]*)"/i,
      (_match, path: string) => ` src="${origin}${path}"`,
    );
    return `<img${absolute.replace(/\s*\/$/, '')} style="${IMAGE_STYLE}">`;
  });
}
