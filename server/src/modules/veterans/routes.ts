import multipart from '@fastify/multipart';
import {
  errorEnvelopeSchema,
  fullIdentitySchema,
  pagedSchema,
  pageOffset,
  pageQuerySchema,
  rosterRowRevealSchema,
  verificationDecisionSchema,
  verificationItemSchema,
  veteranStatusSchema,
} from '@veterans/shared';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/app-error';
import { staffOf } from '../../plugins/caller';
import { getRosterImport, importRoster, listRosterImports } from './roster-import';
import { decideVerification, fullIdentity, listVerificationQueue, rosterRowFor } from './verification';

export const MAX_ROSTER_FILE_BYTES = 5 * 1024 * 1024;

const errors = { 401: errorEnvelopeSchema, 403: errorEnvelopeSchema, 404: errorEnvelopeSchema };
const rejectionSchema = z.object({ row: z.number().int(), reason: z.string() });
const countsShape = {
  total: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
};
const importReportSchema = z
  .object({
    importId: z.number().int(),
    fileName: z.string(),
    ...countsShape,
    rejections: z.array(rejectionSchema),
    verifiedUsers: z.number().int().describe('待核验用户因本次导入自动认证的人数'),
  })
  .meta({ id: 'RosterImportReport' });
const importSummarySchema = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    importedBy: z.object({ id: z.number().int(), displayName: z.string().nullable() }),
    createdAt: z.string(),
    ...countsShape,
  })
  .meta({ id: 'RosterImportSummary' });
const importDetailSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  createdAt: z.string(),
  ...countsShape,
  rejections: z.array(rejectionSchema),
});

const userParams = z.object({ userId: z.coerce.number().int().positive() });

/**
 * Veteran status 退役军人身份核验: the bureau's roster (admins import it), the staff verification queue, and the
 * audited view of a whole identity. Citizens outside the caller's unit subtree answer 404 NOT_FOUND (not 403),
 * so staff of another station cannot learn that an id exists.
 */
const veteransRoutes: FastifyPluginAsyncZod = async (app) => {
  // Multipart parsing only for the roster upload, not for the rest of the API.
  await app.register(async (upload) => {
    await upload.register(multipart, {
      limits: { fileSize: MAX_ROSTER_FILE_BYTES, files: 1, fields: 10, parts: 11 },
    });
    upload.withTypeProvider<ZodTypeProvider>().post(
      '/admin/veteran-roster',
      {
        onRequest: app.requireAbility('roster.import'),
        schema: {
          tags: ['veterans'],
          summary: '导入退役军人名册（xlsx 或 csv，管理员）',
          description:
            'multipart/form-data，一个文件（不超过 5 MB）。表头：姓名、身份证号码、退役日期、所属社区' +
            '（或 name, idNumber, dischargeDate, community）；所属社区填服务站编码或完整名称。逐行报告导入结果。',
          security: [{ bearerAuth: [] }],
          consumes: ['multipart/form-data'],
          response: { 200: importReportSchema, 400: errorEnvelopeSchema, 413: errorEnvelopeSchema, ...errors },
        },
      },
      async (request) => {
        const admin = staffOf(request);
        if (!request.isMultipart()) throw new AppError('IMPORT_INVALID_FILE');
        const file = await request.file();
        if (!file) throw new AppError('IMPORT_INVALID_FILE');
        const buffer = await file.toBuffer();
        const report = await importRoster(app.db, app.cipher, admin, { buffer, fileName: file.filename });
        const { rejections: _rejections, fileName: _fileName, ...counts } = report;
        await request.audit({
          action: 'roster.import',
          targetType: 'roster_import',
          targetId: report.importId,
          detail: counts,
        });
        return report;
      },
    );
  });

  app.get(
    '/admin/veteran-roster/imports',
    {
      onRequest: app.requireAbility('roster.import'),
      schema: {
        tags: ['veterans'],
        summary: '名册导入记录',
        security: [{ bearerAuth: [] }],
        querystring: pageQuerySchema,
        response: { 200: pagedSchema(importSummarySchema), ...errors },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const { items, total } = await listRosterImports(app.db, staffOf(request), {
        limit: pageSize,
        offset: pageOffset(request.query),
      });
      return { items, total, page, pageSize };
    },
  );

  app.get(
    '/admin/veteran-roster/imports/:id',
    {
      onRequest: app.requireAbility('roster.import'),
      schema: {
        tags: ['veterans'],
        summary: '一次名册导入的逐行结果',
        security: [{ bearerAuth: [] }],
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: importDetailSchema, ...errors },
      },
    },
    async (request) => {
      return getRosterImport(app.db, staffOf(request), request.params.id);
    },
  );

  app.get(
    '/staff/verifications',
    {
      onRequest: app.requireAbility('veterans.verify'),
      schema: {
        tags: ['veterans'],
        summary: '待核验的退役军人（本机构及下级）',
        security: [{ bearerAuth: [] }],
        querystring: pageQuerySchema,
        response: { 200: pagedSchema(verificationItemSchema), ...errors },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const { page, pageSize } = request.query;
      const { items, total } = await listVerificationQueue(app.db, app.cipher, staff, {
        limit: pageSize,
        offset: pageOffset(request.query),
      });
      return { items, total, page, pageSize };
    },
  );

  app.post(
    '/staff/verifications/:userId',
    {
      onRequest: app.requireAbility('veterans.verify'),
      schema: {
        tags: ['veterans'],
        summary: '核验退役军人身份（通过或不通过）',
        security: [{ bearerAuth: [] }],
        params: userParams,
        body: verificationDecisionSchema,
        response: {
          200: z.object({
            userId: z.number().int(),
            veteranStatus: veteranStatusSchema,
            communityUnitId: z.number().int().nullable(),
          }),
          400: errorEnvelopeSchema,
          409: errorEnvelopeSchema,
          ...errors,
        },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const { userId } = request.params;
      const result = await decideVerification(app.db, staff, staff.id, userId, request.body);
      await request.audit({
        action: request.body.decision === 'verify' ? 'identity.verified' : 'identity.rejected',
        targetType: 'user',
        targetId: userId,
        detail: {
          decision: request.body.decision,
          evidence: request.body.evidence ?? null,
          communityUnitId: result.communityUnitId,
        },
      });
      return { userId, ...result };
    },
  );

  app.get(
    '/staff/verifications/:userId/roster',
    {
      onRequest: app.requireAbility('veterans.verify'),
      schema: {
        tags: ['veterans'],
        summary: '查看与待核验用户身份证号相同的名册原始记录（每次查看都记入审计日志）',
        security: [{ bearerAuth: [] }],
        params: userParams,
        response: { 200: rosterRowRevealSchema, ...errors },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const row = await rosterRowFor(app.db, app.cipher, staff, request.params.userId);
      await request.audit({ action: 'roster.view_full', targetType: 'user', targetId: request.params.userId });
      reply.header('cache-control', 'no-store');
      return row;
    },
  );

  app.get(
    '/staff/users/:userId/identity',
    {
      onRequest: app.requireAbility('veterans.verify'),
      schema: {
        tags: ['veterans'],
        summary: '查看完整实名信息（每次查看都记入审计日志）',
        security: [{ bearerAuth: [] }],
        params: userParams,
        response: { 200: fullIdentitySchema, ...errors },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const identity = await fullIdentity(app.db, app.cipher, staff, request.params.userId);
      await request.audit({ action: 'identity.view_full', targetType: 'user', targetId: identity.userId });
      reply.header('cache-control', 'no-store');
      return identity;
    },
  );
};

export default veteransRoutes;
