import { auditLogEntrySchema, auditLogQuerySchema, errorEnvelopeSchema, pagedSchema } from '@veterans/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../lib/app-error';
import { staffOf } from '../../../plugins/caller';
import { searchAuditLog } from './queries';

/**
 * Audit log search 审计日志. Read-only on purpose: there is no route that changes or deletes entries; only the
 * maintenance function `pruneAuditLog` removes entries, and never any younger than 180 days.
 */
const adminAuditLogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.requireAbility('audit.read'));

  app.get(
    '/audit-log',
    {
      schema: {
        tags: ['admin'],
        summary: '审计日志查询（最新在前）',
        description:
          '区中心管理员可查看全部日志；街道、社区管理员只能查看本机构及下级机构工作人员的操作。from 含、to 不含。',
        security: [{ bearerAuth: [] }],
        querystring: auditLogQuerySchema,
        response: {
          200: pagedSchema(auditLogEntrySchema),
          400: errorEnvelopeSchema,
          401: errorEnvelopeSchema,
          403: errorEnvelopeSchema,
        },
      },
    },
    async (request) => {
      const query = request.query;
      if (query.from && query.to && new Date(query.from) > new Date(query.to)) {
        throw new AppError('VALIDATION_FAILED', '开始时间不能晚于结束时间', [
          { path: 'querystring.from', message: '开始时间不能晚于结束时间' },
        ]);
      }
      const { items, total } = await searchAuditLog(app.db, staffOf(request), query);
      const { page, pageSize, ...filters } = query;
      // Reading the audit log is itself a staff action worth recording (after the search, so it is not in it).
      await request.audit({
        action: 'audit_log.search',
        targetType: 'audit_log',
        detail: { filters: Object.keys(filters).filter((key) => filters[key as keyof typeof filters] !== undefined) },
      });
      return { items, total, page, pageSize };
    },
  );
};

export default adminAuditLogRoutes;
