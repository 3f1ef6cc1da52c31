import {
  ARTICLE_SUMMARY_MAX,
  ARTICLE_TITLE_MAX,
  type ArticleChannel,
  type ArticleCreate,
  articleLinkProblem,
  articleLinkProblemMessages,
  type ServiceCode,
  type StaffArticle,
} from '@veterans/shared';
import { htmlToText, textToParagraphs } from './html';

/**
 * The staff editor's body field: a plain textarea that takes either paragraphs of text (blank lines between
 * them) or basic HTML. The server sanitises whatever it gets; this only turns plain text into paragraphs and
 * places uploaded images.
 */

export interface ArticleForm {
  channel: ArticleChannel;
  title: string;
  summary: string;
  body: string;
  serviceCode: ServiceCode | null;
  pinned: boolean;
}

export const emptyArticleForm: ArticleForm = {
  channel: 'policy',
  title: '',
  summary: '',
  body: '',
  serviceCode: null,
  pinned: false,
};

/**
 * A stored body as the editor shows it: paragraphs of plain text as plain text again (what the staff member
 * typed), anything richer (lists, links, images) as its HTML.
 */
export function editableBody(html: string): string {
  const paragraphs = html.trim().match(/<p>[\s\S]*?<\/p>/g);
  if (!paragraphs || paragraphs.join('') !== html.trim().replace(/>\s+</g, '><')) return html;
  const plain = paragraphs.every((paragraph) => !/<(?!\/?p>|br>)/.test(paragraph));
  if (!plain) return html;
  return paragraphs.map((paragraph) => htmlToText(paragraph.replace(/<br>/g, '\n'))).join('\n\n');
}

export function formOf(article: StaffArticle): ArticleForm {
  return {
    channel: article.channel,
    title: article.title,
    summary: article.summary ?? '',
    body: editableBody(article.body),
    serviceCode: article.serviceCode,
    pinned: article.pinned,
  };
}

/** Whether the text already is HTML (has at least one tag). */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>/i.test(text);
}

/** What is sent as `body`: HTML as written, plain text as paragraphs. */
export function bodyForServer(text: string): string {
  return looksLikeHtml(text) ? text.trim() : textToParagraphs(text);
}

/** How `POST /uploads` names a file inside an article (the sanitiser rewrites it to the public image path). */
export function uploadImageTag(uploadId: string, alt = '图片'): string {
  return `<p><img src="/api/v1/uploads/${encodeURIComponent(uploadId)}" alt="${alt.replace(/"/g, '&quot;')}"></p>`;
}

/**
 * Puts an uploaded image where the cursor was (`at`, or the end). Plain text is turned into paragraphs first,
 * so that it still reads as paragraphs once the body is HTML. Returns the new text and the cursor after the image.
 */
export function insertImage(text: string, at: number | null, uploadId: string): { text: string; cursor: number } {
  const position = at === null || at < 0 || at > text.length ? text.length : at;
  const tag = uploadImageTag(uploadId);
  if (looksLikeHtml(text) || text.trim() === '') {
    const before = text.slice(0, position);
    const after = text.slice(position);
    const next = `${before}${before && !before.endsWith('\n') ? '\n' : ''}${tag}\n${after}`;
    return { text: next, cursor: next.length - after.length };
  }
  const before = textToParagraphs(text.slice(0, position));
  const after = textToParagraphs(text.slice(position));
  const head = `${before}${before ? '\n' : ''}${tag}\n`;
  return { text: `${head}${after}`, cursor: head.length };
}

export type ArticleFormErrors = Partial<Record<keyof ArticleForm, string>>;

/** The checks the server makes too, said before sending. */
export function validateArticleForm(form: ArticleForm): ArticleFormErrors {
  const errors: ArticleFormErrors = {};
  const title = form.title.trim();
  if (!title) errors.title = '请填写标题';
  else if (title.length > ARTICLE_TITLE_MAX) errors.title = `标题最多 ${ARTICLE_TITLE_MAX} 字`;
  if (form.summary.trim().length > ARTICLE_SUMMARY_MAX) errors.summary = `摘要最多 ${ARTICLE_SUMMARY_MAX} 字`;
  if (!bodyForServer(form.body)) errors.body = '请填写正文';
  const problem = articleLinkProblem(form.channel, form.serviceCode);
  if (problem === 'GUIDE_NEEDS_SERVICE') errors.serviceCode = articleLinkProblemMessages[problem];
  return errors;
}

/**
 * The create/update body: a service only for 办事指南; an empty summary lets the server take the body's start.
 * `withSummary: false` leaves the summary as stored: the staff API answers with the summary the public sees,
 * which is the body's start when none was written, and sending that back would freeze it.
 */
export function articlePayload(form: ArticleForm, { withSummary = true } = {}): ArticleCreate {
  const payload: ArticleCreate = {
    channel: form.channel,
    title: form.title.trim(),
    body: bodyForServer(form.body),
    serviceCode: form.channel === 'guide' ? form.serviceCode : null,
    pinned: form.pinned,
  };
  if (withSummary) payload.summary = form.summary.trim() || null;
  return payload;
}
