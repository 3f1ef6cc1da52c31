import {
  articleCreateSchema,
  articleListQuerySchema,
  articleSchema,
  articleSummarySchema,
  articleUpdateSchema,
  errorEnvelopeSchema,
  homeFeedSchema,
  pagedSchema,
  staffArticleListQuerySchema,
  staffArticleSchema,
  staffArticleSummarySchema,
  uploadIdSchema,
} from '@veterans/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/app-error';
import { staffOf } from '../../plugins/caller';
import { createFileStorage } from '../uploads/create-storage';
import { type FileStorage, StorageObjectNotFound } from '../uploads/storage';
import { publicArticleImage } from './images';
import {
  findArticle,
  findEditableArticle,
  homeFeed,
  listForStaff,
  listPublished,
  toArticle,
  toStaffArticle,
} from './queries';
import { createArticle, publishArticle, unpublishArticle, updateArticle } from './service';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const security = [{ bearerAuth: [] }];
const staffErrors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
};

/**
 * Articles 政策法规/普法宣传/通知公告/办事指南.
 *
 * Public, no sign-in: `GET /articles` (published only; `channel`, `q` searching title and body, and
 * `serviceCode` — the 办事指南 of one service, which the service page uses to link to its guides),
 * `GET /articles/home`, `GET /articles/:id` (404 unless published), `GET /articles/images/:id` (an image
 * staff uploaded, once a published article shows it).
 *
 * Staff and admins (lawyers and citizens 403, no token 401), every call audited: `GET /staff/articles`
 * (drafts included), `POST /staff/articles`, `PATCH /staff/articles/:id`, `POST /staff/articles/:id/publish`,
 * `POST /staff/articles/:id/unpublish`, `GET /staff/articles/:id/preview`. Bodies are sanitised on every write.
 */
export interface ArticlesOptions {
  /** Where uploaded files are (defaults to the configured upload storage). */
  storage?: FileStorage;
}

const articlesRoutes: FastifyPluginAsyncZod<ArticlesOptions> = async (app, options) => {
  const storage = options.storage ?? createFileStorage(app.config);

  app.get(
    '/articles',
    {
      schema: {
        tags: ['articles'],
        summary: '文章列表（已发布；置顶在前，新的在前）',
        description:
          'channel：栏目。q：在标题和正文中查找（包含即可）。serviceCode：某一办事事项的办事指南，' +
          '办事事项页面用它链接到对应的指南。',
        querystring: articleListQuerySchema,
        response: { 200: pagedSchema(articleSummarySchema), 400: errorEnvelopeSchema },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const result = await listPublished(app.db, filter, { page, pageSize });
      return { ...result, page, pageSize };
    },
  );

  app.get(
    '/articles/home',
    {
      schema: {
        tags: ['articles'],
        summary: '首页内容：置顶通知公告与最新政策法规',
        response: { 200: homeFeedSchema },
      },
    },
    async () => homeFeed(app.db),
  );

  app.get(
    '/articles/:id',
    {
      schema: {
        tags: ['articles'],
        summary: '文章详情（已发布）',
        params: idParams,
        response: { 200: articleSchema, 400: errorEnvelopeSchema, 404: errorEnvelopeSchema },
      },
    },
    async (request) => {
      const row = await findArticle(app.db, request.params.id);
      if (row?.status !== 'published') throw new AppError('NOT_FOUND', '文章不存在或已下线');
      return toArticle(row);
    },
  );

  app.get(
    '/articles/images/:id',
    {
      schema: {
        tags: ['articles'],
        summary: '文章中的图片',
        description: '工作人员上传、且已发布文章中使用的图片（jpg/png），无需登录。',
        params: z.object({ id: uploadIdSchema }),
        response: { 400: errorEnvelopeSchema, 404: errorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const image = await publicArticleImage(app.db, request.params.id);
      if (!image) throw new AppError('UPLOAD_NOT_FOUND', '图片不存在');
      let content: Awaited<ReturnType<FileStorage['get']>>;
      try {
        content = await storage.get(image.storageKey);
      } catch (error) {
        if (!(error instanceof StorageObjectNotFound)) throw error;
        request.log.error({ uploadId: image.publicId }, 'stored article image missing');
        throw new AppError('UPLOAD_NOT_FOUND', '图片不存在');
      }
      return reply
        .header('content-type', image.mimeType)
        .header('content-length', image.sizeBytes)
        .header('content-disposition', 'inline')
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'public, max-age=300')
        .send(content as never); // a file stream: not serialised
    },
  );

  // ---- Staff: write, preview, publish ------------------------------------------------------------------------

  const staff = { onRequest: [app.requireAbility('content.edit')] };

  app.get(
    '/staff/articles',
    {
      ...staff,
      schema: {
        tags: ['staff'],
        summary: '文章管理列表（含草稿、已下线）',
        security,
        querystring: staffArticleListQuerySchema,
        response: { 200: pagedSchema(staffArticleSummarySchema), ...staffErrors },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const result = await listForStaff(app.db, staffOf(request), filter, { page, pageSize });
      await request.audit({
        action: 'article.list',
        targetType: 'article',
        detail: { status: filter.status ?? null, channel: filter.channel ?? null, page },
      });
      return { ...result, page, pageSize };
    },
  );

  app.post(
    '/staff/articles',
    {
      ...staff,
      schema: {
        tags: ['staff'],
        summary: '新建文章（草稿）',
        description: '正文按白名单清理后保存；发布后才对公众可见。',
        security,
        body: articleCreateSchema,
        response: { 201: staffArticleSchema, ...staffErrors },
      },
    },
    async (request, reply) => {
      const row = await createArticle(app.db, staffOf(request), request.body);
      await request.audit({
        action: 'article.create',
        targetType: 'article',
        targetId: row.id,
        detail: { channel: row.channel, serviceCode: row.serviceCode },
      });
      return reply.status(201).send(toStaffArticle(row));
    },
  );

  app.patch(
    '/staff/articles/:id',
    {
      ...staff,
      schema: {
        tags: ['staff'],
        summary: '修改文章',
        description: '只改提交的字段；已发布的文章修改后立即生效。',
        security,
        params: idParams,
        body: articleUpdateSchema,
        response: { 200: staffArticleSchema, ...staffErrors },
      },
    },
    async (request) => {
      const row = await updateArticle(app.db, staffOf(request), request.params.id, request.body);
      await request.audit({
        action: 'article.update',
        targetType: 'article',
        targetId: row.id,
        detail: { fields: Object.keys(request.body) },
      });
      return toStaffArticle(row);
    },
  );

  app.post(
    '/staff/articles/:id/publish',
    {
      ...staff,
      schema: {
        tags: ['staff'],
        summary: '发布文章',
        security,
        params: idParams,
        response: { 200: staffArticleSchema, ...staffErrors },
      },
    },
    async (request) => {
      const row = await publishArticle(app.db, staffOf(request), request.params.id, new Date());
      await request.audit({ action: 'article.publish', targetType: 'article', targetId: row.id });
      return toStaffArticle(row);
    },
  );

  app.post(
    '/staff/articles/:id/unpublish',
    {
      ...staff,
      schema: {
        tags: ['staff'],
        summary: '下线文章',
        security,
        params: idParams,
        response: { 200: staffArticleSchema, ...staffErrors, 409: errorEnvelopeSchema },
      },
    },
    async (request) => {
      const row = await unpublishArticle(app.db, staffOf(request), request.params.id);
      await request.audit({ action: 'article.unpublish', targetType: 'article', targetId: row.id });
      return toStaffArticle(row);
    },
  );

  app.get(
    '/staff/articles/:id/preview',
    {
      ...staff,
      schema: {
        tags: ['staff'],
        summary: '预览文章（任何状态）',
        description: '返回公众看到的样子（正文为清理后的 HTML），也用于编辑时载入。',
        security,
        params: idParams,
        response: { 200: staffArticleSchema, ...staffErrors },
      },
    },
    async (request) => {
      const row = await findEditableArticle(app.db, staffOf(request), request.params.id);
      await request.audit({ action: 'article.preview', targetType: 'article', targetId: row.id });
      return toStaffArticle(row);
    },
  );
};

export default articlesRoutes;
