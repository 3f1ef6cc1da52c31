import {
  type ArticleCreate,
  type ArticleUpdate,
  articleLinkProblem,
  articleLinkProblemMessages,
} from '@veterans/shared';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { articles } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import { assertAbility, type StaffCaller } from '../../plugins/caller';
import { type ArticleRow, findArticle, findEditableArticle } from './queries';
import { sanitizeArticleHtml } from './sanitize';

/** The stored body and its search text, from what an editor sent; refused when nothing readable is left. */
function sanitizedBody(raw: string): { body: string; bodyText: string } {
  const { html, text } = sanitizeArticleHtml(raw);
  if (html === '') {
    throw new AppError('VALIDATION_FAILED', '正文没有可显示的内容', [
      { path: 'body', message: '正文没有可显示的内容（脚本、外部嵌入等已被移除）' },
    ]);
  }
  return { body: html, bodyText: text };
}

function checkLink(channel: string, serviceCode: string | null | undefined): void {
  const problem = articleLinkProblem(channel, serviceCode);
  if (problem) {
    const message = articleLinkProblemMessages[problem];
    throw new AppError('VALIDATION_FAILED', message, [{ path: 'serviceCode', message }]);
  }
}

async function mustFind(db: Database, id: number): Promise<ArticleRow> {
  const row = await findArticle(db, id);
  if (!row) throw new AppError('NOT_FOUND', '文章不存在');
  return row;
}

/** Pinned notices show on every veteran's home page: pinning is the district centre's. */
function checkPinning(editor: StaffCaller, pinned: boolean | undefined): void {
  if (pinned) assertAbility(editor, 'content.pin');
}

/** A new draft 草稿 of the editor's unit; not public until published. */
export async function createArticle(db: Database, editor: StaffCaller, input: ArticleCreate): Promise<ArticleRow> {
  checkLink(input.channel, input.serviceCode);
  checkPinning(editor, input.pinned);
  const [result] = await db.insert(articles).values({
    channel: input.channel,
    status: 'draft',
    title: input.title,
    summary: input.summary || null,
    ...sanitizedBody(input.body),
    serviceCode: input.serviceCode ?? null,
    pinned: input.pinned ?? false,
    authorId: editor.id,
    unitId: editor.unitId,
  });
  return mustFind(db, result.insertId);
}

/** Changes the fields sent; a published article stays published (and shows the change at once). */
export async function updateArticle(
  db: Database,
  editor: StaffCaller,
  id: number,
  input: ArticleUpdate,
): Promise<ArticleRow> {
  const row = await findEditableArticle(db, editor, id);
  if (input.pinned !== undefined && input.pinned !== row.pinned) checkPinning(editor, true);
  const channel = input.channel ?? row.channel;
  // Moving a guide to another channel drops its service link unless one is sent.
  const serviceCode =
    input.serviceCode !== undefined ? input.serviceCode : channel === 'guide' ? row.serviceCode : null;
  checkLink(channel, serviceCode);
  await db
    .update(articles)
    .set({
      channel,
      serviceCode,
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.summary !== undefined ? { summary: input.summary || null } : {}),
      ...(input.body !== undefined ? sanitizedBody(input.body) : {}),
      ...(input.pinned !== undefined ? { pinned: input.pinned } : {}),
    })
    .where(eq(articles.id, id));
  return mustFind(db, id);
}

/** Makes the article public; publishing a published article changes nothing (its publish time stays). */
export async function publishArticle(db: Database, editor: StaffCaller, id: number, now: Date): Promise<ArticleRow> {
  const row = await findEditableArticle(db, editor, id);
  if (row.status === 'published') return row;
  checkLink(row.channel, row.serviceCode);
  await db.update(articles).set({ status: 'published', publishedAt: now }).where(eq(articles.id, id));
  return mustFind(db, id);
}

/** Takes a published article off the public site 下线; it can be edited and published again. */
export async function unpublishArticle(db: Database, editor: StaffCaller, id: number): Promise<ArticleRow> {
  const row = await findEditableArticle(db, editor, id);
  if (row.status !== 'published') throw new AppError('CONFLICT', '该文章未发布');
  await db.update(articles).set({ status: 'unpublished' }).where(eq(articles.id, id));
  return mustFind(db, id);
}
