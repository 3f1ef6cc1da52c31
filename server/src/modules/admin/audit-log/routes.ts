import {
  AUDIT_EXPORT_MAX_ROWS,
  type AuditLogExportQuery,
  auditLogEntrySchema,
  auditLogExportQuerySchema,
  auditLogQuerySchema,
  errorEnvelopeSchema,
  pagedSchema,
} from '@veterans/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../lib/app-error';
import { staffOf } from '../../../plugins/caller';
import { attachmentDisposition } from '../../stats/workbook';
import { searchAuditLog } from './queries';
import { auditExportFileNames, auditLogWorkbook } from './workbook';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `from` after `to` is refused with the same message for the search and the export. */
function checkRange(query: { from?: string; to?: string }): void {
  if (query.from && query.to && new Date(query.from) > new Date(query.to)) {
    throw new AppError('VALIDATION_FAILED', '开始时间不能晚于结束时间', [
      { path: 'querystring.from', message: '开始时间不能晚于结束时间' },
    ]);
  }
}

/** The names of the filters a search or export used (never their values: they may name people's ids). */
function filterNames(filters: AuditLogExportQuery): string[] {
  return Object.keys(filters).filter((key) => filters[key as keyof typeof filters] !== undefined);
}

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
      checkRange(query);
      const { items, total } = await searchAuditLog(app.db, staffOf(request), query);
      const { page, pageSize, ...filters } = query;
      // Reading the audit log is itself a staff action worth recording (after the search, so it is not in it).
      await request.audit({
        action: 'audit_log.search',
        targetType: 'audit_log',
        detail: { filters: filterNames(filters) },
      });
      return { items, total, page, pageSize };
    },
  );

  app.get(
    '/audit-log/export',
    {
      schema: {
        tags: ['admin'],
        summary: '导出审计日志（xlsx）',
        description: `筛选条件同 /admin/audit-log（不分页），最新在前，最多 ${AUDIT_EXPORT_MAX_ROWS} 条；可见范围同查询。每次导出记入审计日志 audit_log.export。`,
        security: [{ bearerAuth: [] }],
        querystring: auditLogExportQuerySchema,
        produces: [XLSX_TYPE],
        response: { 400: errorEnvelopeSchema, 401: errorEnvelopeSchema, 403: errorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const filters = request.query;
      checkRange(filters);
      const now = new Date();
      const { items, total } = await searchAuditLog(app.db, staffOf(request), {
        ...filters,
        page: 1,
        pageSize: AUDIT_EXPORT_MAX_ROWS,
      });
      const names = filterNames(filters);
      const file = await auditLogWorkbook(items, total, names.join('、'), now);
      await request.audit({
        action: 'audit_log.export',
        targetType: 'audit_log',
        detail: { filters: names, rows: items.length, total },
      });
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachmentDisposition(auditExportFileNames(now)))
        .header('cache-control', 'private, no-store')
        .send(file as never); // bytes, not serialised: the 200 has no JSON schema
    },
  );
};

export default adminAuditLogRoutes;
